/**
 * A Secret the spec names must not be one the function composes (api.md §3): the function
 * would compose over the team's Secret, or stop composing its own while something still
 * reads it, and Crossplane would delete it. Every name the function may compose is
 * reserved, whatever the spec says today: a generated Secret is carried once observed.
 */
import type { Issue } from './issues.js';
import type { ResolvedBackup } from './resolve.js';
import type { DittoServerSpec } from './spec.js';

/** What the function composes under `<n><suffix>`, said as in the FATAL message. */
const COMPOSED_SECRETS: readonly (readonly [suffix: string, what: string])[] = [
  ['-pgbackrest-s3', 'the pgBackRest Secret built from the backup credentials'],
  ['-jwt-secret', 'its generated JWT Secret'],
  ['-admin-bootstrap-credentials', 'its generated admin Secret'],
  ['-connection', 'the connection Secret'],
];

/** Each Secret the spec (or the Input's backup default) names, by the path of its name. */
function namedSecrets(
  spec: DittoServerSpec,
  backup: ResolvedBackup | undefined,
): [path: string, name: string | undefined][] {
  const backupPath =
    spec.percona.backup.credentialsSecretRef !== undefined
      ? 'spec.percona.backup.credentialsSecretRef.name'
      : 'input.defaults.backup.credentialsSecretRef.name';
  return [
    [backupPath, backup?.credentialsSecretRef.name],
    ['spec.identity.jwt.secretRef.name', spec.identity.jwt?.secretRef.name],
    ['spec.identity.admin.passwordSecretRef.name', spec.identity.admin?.passwordSecretRef.name],
    ['spec.database.postgresSecretRef.name', spec.database.postgresSecretRef?.name],
    ...spec.stores.remote.map(({ s3 }, index): [string, string] => [
      `spec.stores.remote[${String(index)}].s3.credentialsSecretRef.name`,
      s3.credentialsSecretRef.name,
    ]),
  ];
}

export function checkOwnSecrets(
  spec: DittoServerSpec,
  backup: ResolvedBackup | undefined,
  xrName: string | undefined,
  issues: Issue[],
): void {
  if (xrName === undefined) return;
  for (const [path, named] of namedSecrets(spec, backup)) {
    const composed = COMPOSED_SECRETS.find(([suffix]) => named === `${xrName}${suffix}`);
    if (composed) {
      issues.push({
        path,
        message: `must not be ${named ?? ''}: the function composes ${composed[1]} under that name`,
      });
    }
  }
}
