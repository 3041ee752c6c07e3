/**
 * Authentication of the fake DittoFS (dittofs-api.md §1): admin login, opaque tokens that
 * expire, the forced password change, and the middleware's text/plain refusals.
 */
import {
  decode,
  json,
  plainError,
  problem,
  type FakeRequest,
  type FakeResponse,
} from './fake-dittofs-http.js';
import { FAKE_TIME, fakeId, type FakeUser } from './fake-dittofs-state.js';

export type Claims = {
  readonly username: string;
  readonly role: string;
  readonly mustChangePassword: boolean;
  readonly kind: 'access' | 'refresh';
  readonly expiresAt: number;
};

/** Who may call a route: anyone, any valid token, or an admin token. */
export type Gate = 'public' | 'token' | 'admin';

/** DittoFS defaults: 15 minutes and 7 days. */
export const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
const REFRESH_TOKEN_TTL_MS = 7 * 24 * 3_600_000;

export const PASSWORD_PATH = '/api/v1/users/me/password';

export class FakeAuth {
  readonly users = new Map<string, FakeUser>();
  private readonly tokens = new Map<string, Claims>();
  private issued = 0;

  constructor(
    private readonly now: () => number,
    private readonly accessTtlMs: number,
  ) {}

  /** Every token issued so far expires now (as after 15 minutes). */
  expireAll(): void {
    for (const [token, claims] of this.tokens) this.tokens.set(token, { ...claims, expiresAt: 0 });
  }

  /** JWTAuth, RequirePasswordChange and RequireAdmin, in that order (router.go). */
  check(request: FakeRequest, gate: Exclude<Gate, 'public'>): Claims | FakeResponse {
    const header = request.headers.authorization ?? '';
    const space = header.indexOf(' ');
    if (space < 0 || header.slice(0, space).toLowerCase() !== 'bearer')
      return plainError(401, 'Authorization header required');
    const claims = this.tokens.get(header.slice(space + 1));
    if (claims?.kind !== 'access' || claims.expiresAt <= this.now())
      return plainError(401, 'Invalid or expired token');
    if (request.path !== PASSWORD_PATH && claims.mustChangePassword)
      return plainError(
        403,
        `account "${claims.username}" must set a new password before performing other ` +
          `operations; run 'dfsctl user change-password' (as "${claims.username}") to set one`,
      );
    if (gate === 'admin' && claims.role !== 'admin')
      return plainError(403, 'Admin access required');
    return claims;
  }

  login(request: FakeRequest): FakeResponse {
    const decoded = decode(request, { username: 'string', password: 'string' });
    if (!decoded.ok) return decoded.response;
    const { username, password } = decoded.body as { username?: string; password?: string };
    if (!username || !password) return problem(400, 'Username and password are required');
    const user = this.users.get(username);
    if (user?.password !== password) return problem(401, 'Invalid username or password');
    if (!user.enabled) return problem(403, 'User account is disabled');
    return json(200, this.session(user));
  }

  refresh(request: FakeRequest): FakeResponse {
    const decoded = decode(request, { refresh_token: 'string' });
    if (!decoded.ok) return decoded.response;
    const token = decoded.body.refresh_token as string | undefined;
    if (!token) return problem(400, 'Refresh token is required');
    const claims = this.tokens.get(token);
    if (claims?.kind !== 'refresh') return problem(401, 'Invalid refresh token');
    if (claims.expiresAt <= this.now()) return problem(401, 'Refresh token has expired');
    const user = this.users.get(claims.username);
    if (user === undefined) return problem(401, 'User not found');
    return json(200, this.session(user));
  }

  /** `POST /users/me/password` (users.go ChangeOwnPassword). */
  changePassword(request: FakeRequest, claims: Claims): FakeResponse {
    const decoded = decode(request, { current_password: 'string', new_password: 'string' });
    if (!decoded.ok) return decoded.response;
    const body = decoded.body as { current_password?: string; new_password?: string };
    if (!body.new_password) return problem(400, 'New password is required');
    const user = this.users.get(claims.username);
    if (user === undefined) return problem(401, 'User not found');
    if (!user.must_change_password) {
      if (!body.current_password) return problem(400, 'Current password is required');
      if (body.current_password !== user.password)
        return problem(401, 'Current password is incorrect');
    }
    user.password = body.new_password;
    user.must_change_password = false;
    return json(200, this.session(user));
  }

  private issue(claims: Omit<Claims, 'expiresAt'>, ttl: number): string {
    this.issued += 1;
    const token = `fake-${claims.kind}-token-${this.issued}`;
    this.tokens.set(token, { ...claims, expiresAt: this.now() + ttl });
    return token;
  }

  private session(user: FakeUser): Record<string, unknown> {
    const claims = {
      username: user.username,
      role: user.role,
      mustChangePassword: user.must_change_password,
    };
    return {
      access_token: this.issue({ ...claims, kind: 'access' }, this.accessTtlMs),
      refresh_token: this.issue({ ...claims, kind: 'refresh' }, REFRESH_TOKEN_TTL_MS),
      token_type: 'Bearer',
      expires_in: Math.round(this.accessTtlMs / 1000),
      expires_at: new Date(this.now() + this.accessTtlMs).toISOString(),
      user: {
        id: fakeId(0),
        username: user.username,
        role: user.role,
        uid: 0,
        enabled: user.enabled,
        must_change_password: user.must_change_password,
        created_at: FAKE_TIME,
      },
    };
  }
}
