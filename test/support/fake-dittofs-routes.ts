/**
 * The fake DittoFS's router: chi-style patterns (`{name}` is one path segment), the auth
 * gate of each route, and chi's own 404 / 405 answers for everything else.
 */
import type { Claims, FakeAuth, Gate } from './fake-dittofs-auth.js';
import {
  methodNotAllowed,
  NOT_FOUND,
  type FakeRequest,
  type FakeResponse,
} from './fake-dittofs-http.js';

export type FakeRoute = {
  readonly method: string;
  readonly pattern: string;
  /** Default `admin`: every config route is admin-only (router.go). */
  readonly gate?: Gate;
  readonly handle: (request: FakeRequest, claims: Claims | undefined) => FakeResponse;
};

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i] ?? '';
    if (segment.startsWith('{')) {
      if (actual === '') return undefined;
      params[segment.slice(1, -1)] = decodeURIComponent(actual);
    } else if (segment !== actual) return undefined;
  }
  return params;
}

export type Routed = { readonly route: FakeRoute | undefined; readonly response: FakeResponse };

/** Finds the route and runs its gate and handler; `route` is undefined for chi's 404/405. */
export function dispatch(
  routes: readonly FakeRoute[],
  auth: FakeAuth,
  request: Omit<FakeRequest, 'params'>,
): Routed {
  const candidates = routes.flatMap((route) => {
    const params = match(route.pattern, request.path);
    return params === undefined ? [] : [{ route, params }];
  });
  const found = candidates.find(({ route }) => route.method === request.method);
  if (found === undefined) {
    const response =
      candidates.length === 0
        ? NOT_FOUND
        : methodNotAllowed(candidates.map(({ route }) => route.method));
    return { route: undefined, response };
  }
  const routed: FakeRequest = { ...request, params: found.params };
  const gate = found.route.gate ?? 'admin';
  if (gate === 'public')
    return { route: found.route, response: found.route.handle(routed, undefined) };
  const claims = auth.check(routed, gate);
  if ('status' in claims) return { route: found.route, response: claims };
  return { route: found.route, response: found.route.handle(routed, claims) };
}
