import { Resource, RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import { describe, expect, it } from 'vitest';
import { readCredentials, type Credentials } from '../../src/observe/credentials.js';
import { requiredObject } from '../../src/observe/required.js';
import { owns } from '../../src/resources.js';
import { decodeRunFunctionRequest } from '../../src/wire/decode-request.js';

const ref = {
  name: 's3-credentials',
  accessKeyIdKey: 'AWS_ACCESS_KEY_ID',
  secretAccessKeyKey: 'AWS_SECRET_ACCESS_KEY',
};
const b64 = (text: string) => Buffer.from(text).toString('base64');
const secret = (data: Record<string, string>, kind = 'Secret') => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 's3-credentials', namespace: 'team-a' },
  data,
});

function request(
  items: unknown[],
  field: 'requiredResources' | 'extraResources' = 'requiredResources',
): RunFunctionRequest {
  const resources = {
    'backup-credentials': { items: items.map((resource) => Resource.fromJSON({ resource })) },
  };
  return RunFunctionRequest.fromPartial(
    field === 'requiredResources'
      ? { requiredResources: resources }
      : { extraResources: resources },
  );
}

describe('readCredentials', () => {
  const cases: { reason: string; req: RunFunctionRequest; want: Credentials }[] = [
    {
      reason: 'plain keys are decoded',
      req: request([
        secret({ AWS_ACCESS_KEY_ID: b64('AKIAEXAMPLE'), AWS_SECRET_ACCESS_KEY: b64('s3cr3t') }),
      ]),
      want: { state: 'keys', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's3cr3t' },
    },
    {
      reason: 'the deprecated extra_resources are read too',
      req: request(
        [secret({ AWS_ACCESS_KEY_ID: b64('AKIAEXAMPLE'), AWS_SECRET_ACCESS_KEY: b64('s3cr3t') })],
        'extraResources',
      ),
      want: { state: 'keys', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's3cr3t' },
    },
    {
      reason: 'a trailing newline from --from-file is trimmed',
      req: request([
        secret({
          AWS_ACCESS_KEY_ID: b64('AKIAEXAMPLE\n'),
          AWS_SECRET_ACCESS_KEY: b64('s3cr3t\r\n'),
        }),
      ]),
      want: { state: 'keys', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's3cr3t' },
    },
    {
      reason: 'a *.conf key means the Secret is used as is',
      req: request([secret({ 'cloud.conf': b64('[global]\nrepo1-s3-key=a\n') })]),
      want: { state: 'conf' },
    },
    {
      reason: 'not found: Crossplane returned no item',
      req: request([]),
      want: { state: 'missing' },
    },
    {
      reason: 'not asked for yet',
      req: RunFunctionRequest.fromPartial({}),
      want: { state: 'missing' },
    },
    {
      reason: 'a missing key is named, never a value',
      req: request([secret({ AWS_ACCESS_KEY_ID: b64('AKIAEXAMPLE') })]),
      want: {
        state: 'invalid',
        problem: 'Secret s3-credentials has no value for key AWS_SECRET_ACCESS_KEY',
      },
    },
    {
      reason: 'both keys missing',
      req: request([secret({})]),
      want: {
        state: 'invalid',
        problem:
          'Secret s3-credentials has no value for key AWS_ACCESS_KEY_ID or key AWS_SECRET_ACCESS_KEY',
      },
    },
    {
      reason: 'a line break inside a value would inject INI lines',
      req: request([
        secret({
          AWS_ACCESS_KEY_ID: b64('AKIA\nrepo1-path=/x'),
          AWS_SECRET_ACCESS_KEY: b64('s3cr3t'),
        }),
      ]),
      want: {
        state: 'invalid',
        problem: 'Secret s3-credentials key AWS_ACCESS_KEY_ID holds a line break',
      },
    },
    {
      reason: 'a required resource of the wrong kind',
      req: request([secret({}, 'ConfigMap')]),
      want: { state: 'invalid', problem: 's3-credentials is not a v1 Secret' },
    },
    {
      reason: 'data of the wrong type reads as no keys',
      req: request([{ ...secret({}), data: 'garbage' }]),
      want: {
        state: 'invalid',
        problem:
          'Secret s3-credentials has no value for key AWS_ACCESS_KEY_ID or key AWS_SECRET_ACCESS_KEY',
      },
    },
  ];
  it.each(cases)('$reason', ({ req, want }) => {
    const decoded = decodeRunFunctionRequest(RunFunctionRequest.encode(req).finish(), owns);
    expect(readCredentials(requiredObject(decoded, 'backup-credentials'), ref)).toEqual(want);
  });
});
