import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Requirements,
  RunFunctionRequest,
  RunFunctionResponse,
  Severity,
} from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { callFunction } from '../support/call.js';
import { parseRenderArgs, UsageError } from '../../scripts/render/args.js';
import { renderCommand } from '../../scripts/render/cli.js';
import { loadDocuments } from '../../scripts/render/load.js';
import { stableNAndSomeMore } from '../../scripts/render/output.js';
import { runPipeline, type FunctionCall } from '../../scripts/render/pipeline.js';

const SEED = ['--seed', '00112233445566778899aabbccddeeff'];

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'render-')), name);
  writeFileSync(path, text);
  return path;
}

describe('parseRenderArgs', () => {
  it('defaults to the minimal XR, its package Composition and the example Functions', () => {
    expect(parseRenderArgs([])).toEqual({
      xr: 'examples/xr.yaml',
      functions: 'examples/functions.yaml',
      required: [],
      extra: [],
      includeResults: false,
      includeFullXr: false,
    });
  });

  it('reads the crossplane render flags', () => {
    expect(
      parseRenderArgs([
        'x.yaml',
        'c.yaml',
        'f.yaml',
        '-o',
        'obs',
        '-e',
        'req',
        '--extra-resources',
        'ex',
        '--function-credentials',
        'cred',
        '-r',
        '-x',
        '--seed',
        'ab',
      ]),
    ).toEqual({
      xr: 'x.yaml',
      composition: 'c.yaml',
      functions: 'f.yaml',
      observed: 'obs',
      required: ['req'],
      extra: ['ex'],
      functionCredentials: 'cred',
      includeResults: true,
      includeFullXr: true,
      seed: Buffer.from([0xab]),
    });
  });

  it.each([
    {
      reason: 'a seed must be hex bytes',
      argv: ['--seed', 'xyz'],
      want: '--seed must be an even number of hex digits',
    },
    {
      reason: 'at most three positionals',
      argv: ['a', 'b', 'c', 'd'],
      want: 'unexpected argument d',
    },
  ])('$reason', ({ argv, want }) => {
    expect(() => parseRenderArgs(argv)).toThrow(new UsageError(want));
  });
});

describe('stableNAndSomeMore (crossplane-runtime resource.go)', () => {
  it.each([
    { reason: 'fewer than three: all, sorted', names: ['b', 'a'], want: 'a, b' },
    { reason: 'exactly three: "and" before the last', names: ['c', 'a', 'b'], want: 'a, b, and c' },
    {
      reason: 'more: the first three and a count',
      names: ['e', 'd', 'c', 'b', 'a'],
      want: 'a, b, c, and 2 more',
    },
  ])('$reason', ({ names, want }) => {
    expect(stableNAndSomeMore(names)).toBe(want);
  });
});

const BAD_XR = {
  apiVersion: 'storage.dittofs.com/v1alpha1',
  kind: 'DittoServer',
  metadata: { name: 'demo', namespace: 'team-a' },
  spec: { replicas: 3, storage: { metadataSize: '10Gi' } },
};

/** The FATAL message the function itself gives for BAD_XR. */
function fatalMessage(): string {
  const rsp = callFunction(
    RunFunctionRequest.fromPartial({ observed: { composite: { resource: BAD_XR } } }),
  );
  return (
    rsp.results.find((r) => r.severity === Severity.SEVERITY_FATAL)?.message ?? 'no fatal result'
  );
}

describe('renderCommand errors', () => {
  it.each([
    {
      reason: 'a fatal result stops the render with its message',
      argv: [tempFile('xr.yaml', JSON.stringify(BAD_XR))],
      want: `render: error: pipeline step "dittoserver" returned a fatal result: ${fatalMessage()}\n`,
    },
    {
      reason: 'observed resources must be controlled by the XR, as the v2.3+ engine requires',
      argv: [
        'examples/xr-full.yaml',
        '-e',
        'examples/credentials-secret.yaml',
        '-o',
        tempFile(
          'observed.yaml',
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo-full-config\n  namespace: team-a\n  annotations: {crossplane.io/composition-resource-name: config}\n  ownerReferences:\n  - {apiVersion: storage.dittofs.com/v1alpha1, kind: DittoServer, name: demo-full, uid: 08295a69-265a-453b-810c-0b2d3e59ec07, controller: true}\n',
        ),
      ],
      want: 'render: error: invalid observed resources: observed resource demo-full-config has a controller ref but is not controlled by the XR\n',
    },
    {
      reason: 'the Composition must be for the XR kind',
      argv: ['examples/xr.yaml', 'package/configuration/legacy/composition.yaml'],
      want: "render: error: composition's compositeTypeRef.kind (XDittoServer) does not match XR's kind (DittoServer)\n",
    },
    {
      reason: 'every functionRef must be in the Functions file',
      argv: [
        'examples/xr.yaml',
        'package/configuration/modern/composition.yaml',
        tempFile(
          'fns.yaml',
          'apiVersion: pkg.crossplane.io/v1\nkind: Function\nmetadata: {name: other}\nspec: {package: xpkg.crossplane.io/x/y:v1}\n',
        ),
      ],
      want: 'render: error: cannot run pipeline step "dittoserver": unknown Function "dittofs-function-dittoserver" - does it exist in your Functions file?\n',
    },
    {
      reason: 'the Functions file holds Functions only',
      argv: [
        'examples/xr.yaml',
        'package/configuration/modern/composition.yaml',
        'examples/xr.yaml',
      ],
      want: 'render: error: cannot load functions from "examples/xr.yaml": not a function: DittoServer/demo\n',
    },
  ])('$reason', async ({ argv, want }) => {
    expect(await renderCommand([...argv, ...SEED])).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: want,
    });
  });
});

/** A fake function that asks for what `ask` returns on each call, and records its requests. */
function asking(
  ask: (call: number) => Requirements | undefined,
  calls: RunFunctionRequest[],
): FunctionCall {
  return (req) => {
    calls.push(req);
    const requirements = ask(calls.length);
    return Promise.resolve(
      RunFunctionResponse.fromPartial({
        desired: req.desired ?? {},
        ...(requirements ? { requirements } : {}),
      }),
    );
  };
}

const SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's3-credentials', namespace: 'team-a' },
};
const wantSecret = (name: string): Requirements =>
  Requirements.fromPartial({
    resources: { creds: { apiVersion: 'v1', kind: 'Secret', matchName: name } },
  });

async function pipelineWith(fn: FunctionCall) {
  return runPipeline({
    xr: loadDocuments('examples/xr.yaml')[0] ?? {},
    composition: loadDocuments('package/configuration/modern/composition.yaml')[0] ?? {},
    functions: new Map([['dittofs-function-dittoserver', fn]]),
    observed: [],
    required: [SECRET],
    extra: [],
    credentials: [],
  });
}

describe('the requirement loop (xfn.FetchingFunctionRunner)', () => {
  it('calls once when nothing is required', async () => {
    const calls: RunFunctionRequest[] = [];
    await pipelineWith(asking(() => undefined, calls));
    expect(calls.length).toBe(1);
  });

  it('calls again with the required resource, then stops when the requirements repeat', async () => {
    const calls: RunFunctionRequest[] = [];
    await pipelineWith(asking(() => wantSecret('s3-credentials'), calls));
    expect(calls.length).toBe(2);
    expect(calls[0]?.requiredResources).toEqual({});
    expect(calls[1]?.requiredResources).toEqual({
      creds: { items: [{ resource: SECRET, connectionDetails: {}, ready: 0 }] },
    });
  });

  it('answers an unmatched requirement with no items', async () => {
    const calls: RunFunctionRequest[] = [];
    await pipelineWith(asking(() => wantSecret('missing'), calls));
    expect(calls[1]?.requiredResources).toEqual({ creds: { items: [] } });
  });

  it('gives up after six calls when the requirements never settle', async () => {
    const calls: RunFunctionRequest[] = [];
    await expect(pipelineWith(asking((n) => wantSecret(`s${n}`), calls))).rejects.toThrow(
      "requirements didn't stabilize after the maximum number of iterations (5)",
    );
    expect(calls.length).toBe(6);
  });

  it('stops at a fatal result without iterating', async () => {
    const calls: RunFunctionRequest[] = [];
    const fatal: FunctionCall = (req) => {
      calls.push(req);
      return Promise.resolve(
        RunFunctionResponse.fromPartial({
          results: [{ severity: Severity.SEVERITY_FATAL, message: 'boom' }],
          requirements: wantSecret('x'),
        }),
      );
    };
    await expect(pipelineWith(fatal)).rejects.toThrow(
      'pipeline step "dittoserver" returned a fatal result: boom',
    );
    expect(calls.length).toBe(1);
  });

  it('sends the capabilities Crossplane v2.2 advertises and the step input', async () => {
    const calls: RunFunctionRequest[] = [];
    await pipelineWith(asking(() => undefined, calls));
    expect(calls[0]?.meta).toEqual({ tag: '', capabilities: [1, 2, 3, 4, 5] });
    expect(calls[0]?.input).toEqual({
      apiVersion: 'dittoserver.fn.dittofs.com/v1beta1',
      kind: 'Input',
      images: { dittofs: 'marmos91c/dittofs:v0.29.0' },
      percona: { crVersion: '2.8.2' },
      ttl: '60s',
    });
  });
});
