/** The recommended labels of fixture XR `demo`, spelt out so tests do not reuse `labels()`. */
export const demoLabels = (component: string) => ({
  'app.kubernetes.io/name': 'dittofs',
  'app.kubernetes.io/instance': 'demo',
  'app.kubernetes.io/managed-by': 'function-dittoserver',
  'app.kubernetes.io/component': component,
});

/** What the Deployment and every Service select on. */
export const DEMO_SELECTOR = {
  'app.kubernetes.io/name': 'dittofs',
  'app.kubernetes.io/instance': 'demo',
  'app.kubernetes.io/component': 'server',
};
