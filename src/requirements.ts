/**
 * What the function asks Crossplane to fetch: the backup credentials and both identity
 * Secrets, by name, the server's PerconaPGBackups by label, and the configure Jobs' pods by
 * label (their termination messages say why a Job failed). It depends on the spec only, so
 * every call of a reconcile asks the same and the requirement loop settles (crossplane.md
 * §2.2).
 */
import type { DittoServer } from './api/parse.js';
import {
  ADMIN_REQUIREMENT,
  BACKUPS_REQUIREMENT,
  CONFIGURE_PODS_REQUIREMENT,
  configureSelector,
  CREDENTIALS_REQUIREMENT,
  JWT_REQUIREMENT,
  SERVER_LABEL,
} from './names.js';
import { identityRefs } from './observe/identity.js';
import { PERCONA_BACKUP } from './resources.js';
import type { ResourceSelector } from './wire/types.js';

export function requirements(server: DittoServer): Record<string, ResourceSelector> {
  const secret = (name: string): ResourceSelector => ({
    apiVersion: 'v1',
    kind: 'Secret',
    matchName: name,
    namespace: server.namespace,
  });
  const credentials = server.perconaSettings.backup?.credentialsSecretRef;
  const identity = identityRefs(server);
  const backups: ResourceSelector = {
    ...PERCONA_BACKUP,
    matchLabels: { [SERVER_LABEL]: server.name },
    namespace: server.namespace,
  };
  return {
    ...(credentials && { [CREDENTIALS_REQUIREMENT]: secret(credentials.name) }),
    ...(credentials && { [BACKUPS_REQUIREMENT]: backups }),
    [JWT_REQUIREMENT]: secret(identity.jwt.name),
    [ADMIN_REQUIREMENT]: secret(identity.admin.name),
    [CONFIGURE_PODS_REQUIREMENT]: {
      apiVersion: 'v1',
      kind: 'Pod',
      matchLabels: configureSelector(server.name),
      namespace: server.namespace,
    },
  };
}
