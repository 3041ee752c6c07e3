/**
 * The shapes the builders return: Kubernetes objects typed by kubernetes-models (types
 * only, nothing of it loads at run time) and the Percona types generated from the vendored
 * CRDs, so a misspelt field fails to compile. Builders never write `undefined` or `null`
 * values and keep a fixed key order: the same input serializes to the same bytes.
 */
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type {
  PerconaPGCluster as PerconaPGClusterSchema,
  PerconaPGRestore as PerconaPGRestoreSchema,
  PerconaPGUpgrade as PerconaPGUpgradeSchema,
} from '../generated/percona.js';
import type { DeletionProtection } from './deletion-protection.js';

/** The metadata every composed object carries: always named, namespaced and labelled. */
export type ObjectMeta = {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
};

/** A composed object: what Crossplane applies, so no status. */
type Composed<T extends { metadata?: unknown }> = Omit<T, 'metadata' | 'status'> & {
  metadata: ObjectMeta;
};

export type ConfigMap = Composed<IConfigMap>;
export type PersistentVolumeClaim = Composed<IPersistentVolumeClaim>;
export type Secret = Composed<ISecret>;
export type Service = Composed<IService>;
export type Deployment = Composed<IDeployment>;
export type Job = Composed<IJob>;
export type NetworkPolicy = Composed<INetworkPolicy>;
export type PerconaPGCluster = Composed<
  Omit<PerconaPGClusterSchema, 'apiVersion' | 'kind'> & {
    apiVersion: 'pgv2.percona.com/v2';
    kind: 'PerconaPGCluster';
  }
>;

export type PerconaPGRestore = Composed<
  Omit<PerconaPGRestoreSchema, 'apiVersion' | 'kind'> & {
    apiVersion: 'pgv2.percona.com/v2';
    kind: 'PerconaPGRestore';
  }
>;
export type PerconaPGUpgrade = Composed<
  Omit<PerconaPGUpgradeSchema, 'apiVersion' | 'kind'> & {
    apiVersion: 'pgv2.percona.com/v2';
    kind: 'PerconaPGUpgrade';
  }
>;

export type Manifest =
  | ConfigMap
  | PersistentVolumeClaim
  | Secret
  | Service
  | Deployment
  | Job
  | NetworkPolicy
  | PerconaPGCluster
  | PerconaPGRestore
  | PerconaPGUpgrade
  | DeletionProtection;
