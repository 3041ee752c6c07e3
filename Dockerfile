# syntax=docker/dockerfile:1
#
# function-dittoserver image: an esbuild bundle (no node_modules) and its V8 code cache on
# distroless Node.js, running as non-root. Node 24 is the current LTS and satisfies the
# package's engines (>=20.19); the bundle targets Node 20 syntax, so it runs on either.

# --- build: install with the lockfile, bundle with the project's own `npm run build` ---
FROM node:24-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: nothing in the dependency tree needs one to bundle (esbuild finds its
# platform binary through its optional dependency).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.ts ./scripts/
COPY scripts/bench/bundle.ts ./scripts/bench/
COPY src ./src
RUN npm run build

# --- code cache: V8 accepts a code cache only from the Node binary that reads it, so it is
# made again on the runtime image itself (the build stage's function.cache stays behind):
# make-code-cache.js serves warm-up requests on loopback, then writes dist/function.cache.
# As root only so that it may write into dist/; the runtime stage runs as uid 65532. ---
FROM gcr.io/distroless/nodejs24-debian13:nonroot AS code-cache
USER 0
WORKDIR /app
COPY package.json ./
COPY --from=build /src/dist/main.js /src/dist/function.cjs /src/dist/make-code-cache.js ./dist/
RUN ["/nodejs/bin/node", "dist/make-code-cache.js"]

# --- runtime: distroless, no shell, no package manager, uid 65532 ---
FROM gcr.io/distroless/nodejs24-debian13:nonroot
WORKDIR /app
# package.json only for "type": "module" (dist/main.js is an ES module) and the version.
COPY package.json ./
COPY --from=code-cache /app/dist/main.js /app/dist/function.cjs /app/dist/function.cache ./dist/
# gRPC (Crossplane connects here over mutual TLS) and Prometheus metrics.
EXPOSE 9443 8080
# ENTRYPOINT, not CMD: `crossplane render`'s Docker runtime replaces the command with
# `--insecure`, which must become an argument of main.js, not the program to run.
ENTRYPOINT ["/nodejs/bin/node", "dist/main.js"]
