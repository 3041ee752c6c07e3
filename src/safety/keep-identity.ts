/**
 * The function's generated identity Secrets are never dropped once they exist (api.md §6):
 * the admin Secret holds the password the control-plane database was created with, which
 * DittoFS reads only on first boot. When the XR names Secrets of its own, ours stay composed.
 */
import type { DittoServer } from '../api/parse.js';
import type { Notice } from '../api/resolve.js';
import { ADMIN_PASSWORD_KEY } from '../compose/identity-secrets.js';
import { at, text, type Fields } from '../observe/fields.js';
import type { Identity } from '../observe/identity.js';
import type { ObservedResources } from '../observe/observed.js';
import type { Kept } from './kept.js';

/** Which of the function's own identity Secrets are composed. */
export type GeneratedSecrets = { readonly jwt: boolean; readonly admin: boolean };

const value = (secret: Fields | undefined, key: string) => text(at(secret, 'data'), key);

export function keepGeneratedSecrets(
  server: DittoServer,
  resources: ObservedResources,
  identity: Identity,
): Kept<GeneratedSecrets> {
  const ours = resources['admin-secret'];
  const notices: Notice[] = [];
  const named = identity.admin;
  const theirs = value(named.secret, named.key);
  // Compared as stored (base64 of the same bytes is the same text); never shown.
  if (!named.generated && ours && theirs !== undefined) {
    if (theirs !== value(ours, ADMIN_PASSWORD_KEY)) {
      notices.push({
        reason: 'AdminPasswordMismatch',
        message: `spec.identity.admin names Secret ${named.secretName}, but the server's admin was created with the password in Secret ${server.names.adminSecret} (DittoFS reads the initial password only on first boot), so the configure step cannot log in: copy that password into Secret ${named.secretName} key ${named.key}; Secret ${server.names.adminSecret} is kept`,
      });
    }
  }
  return {
    value: {
      jwt: !server.spec.identity.jwt || resources['jwt-secret'] !== undefined,
      admin: !server.spec.identity.admin || ours !== undefined,
    },
    notices,
  };
}
