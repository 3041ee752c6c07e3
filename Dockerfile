# syntax=docker/dockerfile:1
#
# function-dittoserver image: one ES module per program (no node_modules) on distroless
# Node.js 24, running as non-root, with Node's compile cache made at build time.

# --- build: install with the lockfile, bundle with the project's own `npm run build` ---
FROM node:24-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts (package.json allowScripts says why each is safe to skip): esbuild
# finds its binary through its optional dependency, and this image brings its own Node.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.ts ./scripts/
COPY scripts/build ./scripts/build
COPY src ./src
# The compile cache directory: every uid that warms it below must be able to write into it.
RUN npm run build && mkdir -m 1777 /src/compile-cache

# --- runtime: distroless, no shell, no package manager ---
FROM gcr.io/distroless/nodejs24-debian13:nonroot
WORKDIR /app
# package.json only for "type": "module" (the bundles are ES modules).
COPY package.json ./
COPY --from=build /src/dist/*.js ./dist/
COPY --from=build /src/compile-cache ./compile-cache
# Node keeps compiled code here, in a subdirectory per Node version, V8 flags and uid, with
# files only that uid can read. So it is written now, by the image's own Node, once as each
# uid the function runs as: 2000 (Crossplane's function Deployment forces it) and 65532
# (this image's user: docker run, crossplane render). `--help` loads and evaluates the whole
# bundle, then exits, which is when Node writes the cache.
ENV NODE_COMPILE_CACHE=/app/compile-cache
USER 2000:2000
RUN ["/nodejs/bin/node", "dist/main.js", "--help"]
USER 65532:65532
RUN ["/nodejs/bin/node", "dist/main.js", "--help"]
# gRPC (Crossplane connects here over mutual TLS) and Prometheus metrics.
EXPOSE 9443 8080
# ENTRYPOINT, not CMD: `crossplane render`'s Docker runtime replaces the command with
# `--insecure`, which must become an argument of main.js, not the program to run.
ENTRYPOINT ["/nodejs/bin/node", "dist/main.js"]
