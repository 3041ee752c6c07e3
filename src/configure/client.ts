/**
 * The typed DittoFS client: admin login (with the forced password change DittoFS may ask
 * for), bearer tokens, one fresh login when a token expires, and answers checked against
 * dto.ts. A refused call becomes an ApiError whose message is one line.
 */
import * as z from 'zod';
import { fromZod, issuesText } from '../api/issues.js';
import type { Credentials } from './credentials.js';
import { ConfigureError, describeAnswer, type HttpAnswer, type Transport } from './http.js';
import { loginAnswer } from './dto.js';

/** A call DittoFS answered with an error status. */
export class ApiError extends ConfigureError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const LOGIN = '/api/v1/auth/login';
const CHANGE_PASSWORD = '/api/v1/users/me/password';

function parseBody(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return undefined;
  }
}

/** The auth middleware answers in text/plain; a handler's own 401 is problem+json. */
function isMiddlewareRefusal(answer: HttpAnswer): boolean {
  return answer.status === 401 && answer.contentType.startsWith('text/plain');
}

export class DittoClient {
  private token: string | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly credentials: Credentials,
    private readonly log: (line: string) => void,
  ) {}

  /** Logs in as the admin; sets the password again when DittoFS insists on a change. */
  async login(): Promise<void> {
    const { username, password } = this.credentials;
    const answer = await this.transport.request('POST', LOGIN, { username, password });
    if (answer.status === 401 || answer.status === 403) throw this.loginRefused(answer);
    const session = this.check('POST', LOGIN, answer, loginAnswer);
    this.token = session.access_token;
    this.log(`logged in to ${this.transport.origin} as ${username}`);
    if (!session.user.must_change_password) return;
    // DittoFS blocks every other route until the password changes. The known password is
    // set again, so the Secret stays the truth; sending it as the current one keeps a retry
    // of this call valid once the flag is cleared.
    const changed = this.check(
      'POST',
      CHANGE_PASSWORD,
      await this.transport.request(
        'POST',
        CHANGE_PASSWORD,
        { current_password: password, new_password: password },
        this.token,
      ),
      loginAnswer,
    );
    this.token = changed.access_token;
    this.log(`${username}: DittoFS required a new password; set it to the same one`);
  }

  /** GET that answers undefined on 404. */
  async find<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const answer = await this.authorized('GET', path);
    return answer.status === 404 ? undefined : this.check('GET', path, answer, schema);
  }

  async list<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
    return this.check('GET', path, await this.authorized('GET', path), z.array(schema));
  }

  /** A POST that creates; `undefined` when DittoFS answers 409 Conflict (it exists: compare). */
  async create<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T | undefined> {
    const answer = await this.authorized('POST', path, body);
    return answer.status === 409 ? undefined : this.check('POST', path, answer, schema);
  }

  /** Any other write; every error status is an ApiError. */
  async send<T>(
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    return this.check(method, path, await this.authorized(method, path, body), schema);
  }

  private async authorized(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    if (this.token === undefined) await this.login();
    const answer = await this.transport.request(method, path, body, this.token);
    if (!isMiddlewareRefusal(answer)) return answer;
    // Access tokens live 15 minutes by default: log in again, once per call.
    this.log(`${method} ${path}: ${describeAnswer(answer)}; logging in again`);
    await this.login();
    return this.transport.request(method, path, body, this.token);
  }

  private check<T>(method: string, path: string, answer: HttpAnswer, schema: z.ZodType<T>): T {
    if (answer.status >= 400)
      throw new ApiError(answer.status, `${method} ${path}: ${describeAnswer(answer)}`);
    const parsed = schema.safeParse(parseBody(answer));
    if (parsed.success) return parsed.data;
    const problems = issuesText(fromZod('', parsed.error).slice(0, 3));
    throw new ConfigureError(`${method} ${path}: unexpected answer from DittoFS: ${problems}`);
  }

  private loginRefused(answer: HttpAnswer): ConfigureError {
    const { username, passwordSource } = this.credentials;
    const said = describeAnswer(answer);
    if (answer.status === 403)
      return new ConfigureError(
        `admin login refused (${said}): the account ${username} is disabled`,
      );
    return new ConfigureError(
      `admin login refused (${said}): DittoFS does not accept the password of ${username} from ` +
        `${passwordSource}. DittoFS reads its initial admin password only on first boot, so the ` +
        'usual cause is a control-plane database older than the admin Secret: put the old ' +
        'password back in the Secret, or set the new one with dfsctl',
    );
  }
}
