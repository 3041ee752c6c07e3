/**
 * The function image of this release: the repository `.github/workflows/release.yaml`
 * pushes (FUNCTION_REPOSITORY), tagged `v` + the package.json version. The Input's
 * `images.configure` defaults to it, so the configure Job runs the program of the same
 * release as the function. test/api/release.test.ts keeps it in step with both files.
 */
export const FUNCTION_IMAGE = 'ghcr.io/dittofs/function-dittoserver:v0.1.0';
