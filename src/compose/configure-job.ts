/**
 * The configure step (api.md §7): ConfigMap `<n>-configure` with desired.json, and the Job
 * `<n>-configure-<hash>` that runs the function's own configure program against the
 * server's API. Secrets reach the program only as `secretKeyRef` env (env-names.ts).
 */
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { DittoServer } from '../api/parse.js';
import {
  ADMIN_PASSWORD_ENV,
  ADMIN_SECRET_ENV,
  ADMIN_USERNAME_ENV,
  POSTGRES_ENV,
  remoteStoreEnv,
} from '../configure/env-names.js';
import { configureJobName, labels } from '../names.js';
import { CONFIGURE_CONTAINER } from '../observe/configure.js';
import { identityRefs } from '../observe/identity.js';
import { postgresEnv } from './database-env.js';
import { fromSecret, type EnvVar } from './env.js';
import { hardenedContainer, IMAGE_USER } from './security-context.js';
import type { ConfigMap, Job } from './types.js';

/** The ConfigMap's key and where the Job mounts it: the program's `--desired`. */
export const DESIRED_KEY = 'desired.json';
export const DESIRED_DIR = '/etc/dittofs-configure';

/** The program's own wait for the API and retries, in all (its `--timeout`). */
export const CONFIGURE_TIMEOUT = '5m';
const CONFIGURE_TIMEOUT_SECONDS = 300;
/**
 * Attempts after the first: a pod lost with its node gets another chance; a refusal (bad
 * password, a store change refused) fails the same way every time, so only two.
 */
export const CONFIGURE_BACKOFF_LIMIT = 2;
/**
 * The whole Job: every attempt's full timeout, plus five minutes for scheduling and pulling
 * the image. Past it the Job fails with DeadlineExceeded.
 */
export const CONFIGURE_DEADLINE_SECONDS =
  (CONFIGURE_BACKOFF_LIMIT + 1) * CONFIGURE_TIMEOUT_SECONDS + 300;
/** The program's exit code for bad usage: retrying cannot help (docs/configure.md). */
const BAD_USAGE_EXIT_CODE = 2;
/** The admin user DittoFS v0.29.0 creates; its name is not configurable and not a secret. */
const ADMIN_USERNAME = 'admin';

/** ConfigMap `<n>-configure` holding desired.json. */
export function configureSpec(server: DittoServer, desiredJson: string): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: server.names.configureSpec,
      namespace: server.namespace,
      labels: labels(server.name, 'configure'),
    },
    data: { [DESIRED_KEY]: desiredJson },
  };
}

/** The admin credentials, the remote stores' S3 keys and a postgres store's connection. */
function configureEnv(server: DittoServer): EnvVar[] {
  const admin = identityRefs(server).admin;
  const remote = server.stores.remote.flatMap(({ name, credentialsSecretRef: ref }) => {
    const env = remoteStoreEnv(name);
    return [
      fromSecret(env.accessKeyId, ref.name, ref.accessKeyIdKey),
      fromSecret(env.secretAccessKey, ref.name, ref.secretAccessKeyKey),
    ];
  });
  const postgres = server.stores.metadata.some((store) => store.type === 'postgres');
  return [
    { name: ADMIN_USERNAME_ENV, value: ADMIN_USERNAME },
    fromSecret(ADMIN_PASSWORD_ENV, admin.name, admin.key),
    // Where the password comes from, in words: a refused login names it.
    { name: ADMIN_SECRET_ENV, value: `Secret ${admin.name} key ${admin.key}` },
    ...remote,
    ...(postgres ? postgresEnv(server, POSTGRES_ENV) : []),
  ];
}

/** The API the program configures: the `<n>-api` Service inside the cluster. */
export function apiUrl(server: DittoServer): string {
  return `http://${server.names.apiService}.${server.namespace}.svc:${server.spec.controlPlane.port}`;
}

/** The configure Job for configuration `hash`, built from today's spec. */
export function configureJob(server: DittoServer, hash: string): Job {
  const podLabels = labels(server.name, 'configure');
  const env: IEnvVar[] = configureEnv(server);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: configureJobName(server.name, hash),
      namespace: server.namespace,
      labels: labels(server.name, 'configure'),
    },
    spec: {
      backoffLimit: CONFIGURE_BACKOFF_LIMIT,
      activeDeadlineSeconds: CONFIGURE_DEADLINE_SECONDS,
      podFailurePolicy: {
        rules: [
          {
            action: 'FailJob',
            onExitCodes: {
              containerName: CONFIGURE_CONTAINER,
              operator: 'In',
              values: [BAD_USAGE_EXIT_CODE],
            },
          },
          // A pod evicted or preempted is not an attempt that failed.
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
      template: {
        metadata: { labels: podLabels },
        spec: {
          restartPolicy: 'Never',
          // The program talks to DittoFS only, never to the Kubernetes API.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: IMAGE_USER,
            runAsGroup: IMAGE_USER,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: CONFIGURE_CONTAINER,
              image: server.configureImage,
              imagePullPolicy: 'IfNotPresent',
              // The image's entrypoint is the function server; the program is beside it.
              command: ['/nodejs/bin/node', 'dist/configure.js'],
              args: [
                ...['--api', apiUrl(server)],
                ...['--desired', `${DESIRED_DIR}/${DESIRED_KEY}`],
                ...['--timeout', CONFIGURE_TIMEOUT],
              ],
              env,
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              securityContext: { ...hardenedContainer(), readOnlyRootFilesystem: true },
              // The program writes its one-line reason there; logs are not read.
              terminationMessagePolicy: 'File',
              volumeMounts: [{ name: 'desired', mountPath: DESIRED_DIR, readOnly: true }],
            },
          ],
          volumes: [{ name: 'desired', configMap: { name: server.names.configureSpec } }],
        },
      },
    },
  };
}
