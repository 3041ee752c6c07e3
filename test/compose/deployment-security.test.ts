import { describe, expect, it } from 'vitest';
import type { Overrides } from '../fixtures/xr.js';
import { build, dig, podSpec, container, HARDENED, HARDENED_POD } from './deployment-fixtures.js';

describe('deployment security contexts', () => {
  const containerCases: Record<string, { reason: string; spec: Overrides; want: unknown }> = {
    'user adds a capability, drop ALL kept': {
      reason: 'adding NET_BIND_SERVICE must not silently re-grant every other capability',
      spec: { securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } },
      want: { ...HARDENED, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } },
    },
    'user overrides runAsUser': {
      reason: 'user fields win over the defaults, one by one',
      spec: { securityContext: { runAsUser: 1000, runAsGroup: 1000 } },
      want: { ...HARDENED, runAsUser: 1000, runAsGroup: 1000 },
    },
    'user sets drop': {
      reason: 'an explicit drop list is the user’s decision',
      spec: { securityContext: { capabilities: { drop: ['NET_RAW'] } } },
      want: { ...HARDENED, capabilities: { drop: ['NET_RAW'] } },
    },
    'user hardens further': {
      reason: 'readOnlyRootFilesystem is unset by default but a user may turn it on',
      spec: { securityContext: { readOnlyRootFilesystem: true } },
      want: { ...HARDENED, readOnlyRootFilesystem: true },
    },
    'user seccomp profile': {
      reason: 'the seccomp profile is replaced as a whole',
      spec: {
        securityContext: {
          seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/dfs.json' },
        },
      },
      want: {
        ...HARDENED,
        seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/dfs.json' },
      },
    },
  };
  it.each(Object.entries(containerCases))('container: %s', (_name, { spec, want }) => {
    expect(dig(container(build(spec)), 'securityContext')).toStrictEqual(want);
  });

  it('the init container keeps the defaults whatever the user sets', () => {
    const d = build({ percona: { enabled: true }, securityContext: { runAsUser: 1000 } });
    expect(dig(podSpec(d), 'initContainers', 0, 'securityContext')).toStrictEqual(HARDENED);
  });

  const podCases: Record<string, { reason: string; spec: Overrides; want: unknown }> = {
    'user fsGroup': {
      reason: 'user pod fields win',
      spec: { podSecurityContext: { fsGroup: 2000, fsGroupChangePolicy: 'Always' } },
      want: { ...HARDENED_POD, fsGroup: 2000, fsGroupChangePolicy: 'Always' },
    },
    'user adds groups': {
      reason: 'fields with no default are added',
      spec: { podSecurityContext: { supplementalGroups: [3000] } },
      want: { ...HARDENED_POD, supplementalGroups: [3000] },
    },
  };
  it.each(Object.entries(podCases))('pod: %s', (_name, { spec, want }) => {
    expect(dig(podSpec(build(spec)), 'securityContext')).toStrictEqual(want);
  });
});
