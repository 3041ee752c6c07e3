/**
 * Where the packages are published and what Crossplane calls them once installed. The
 * package files under package/ and examples/ spell these out; test/package checks they agree.
 */

/** The function package repository; every package and example uses this one. */
export const FUNCTION_REPOSITORY = 'ghcr.io/dittofs/function-dittoserver';

/**
 * crossplane internal/xpkg/name.go ToDNSLabel: the name Crossplane gives a package it
 * installs as a dependency (resolver: `xpkg.ToDNSLabel(ref.Context().RepositoryStr())`).
 */
export function toDnsLabel(text: string): string {
  let cut = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) cut += c;
    if ('./:-'.includes(c) && i !== 0 && i !== 62 && i !== text.length - 1) cut += '-';
    if (i === 62) break;
  }
  return cut.replace(/^-+|-+$/g, '');
}

/** The repository without its registry host, as go-containerregistry's RepositoryStr. */
export const repositoryPath = (repository: string) => repository.split('/').slice(1).join('/');

/** `dittofs-function-dittoserver`: every Composition's functionRef and the render Function. */
export const FUNCTION_NAME = toDnsLabel(repositoryPath(FUNCTION_REPOSITORY));

/** The package Compositions render picks when none is named, by XR kind. */
export const COMPOSITION_FILES: Readonly<Record<string, string>> = {
  DittoServer: 'package/configuration/modern/composition.yaml',
  XDittoServer: 'package/configuration/legacy/composition.yaml',
};
