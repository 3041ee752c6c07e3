/**
 * Nesting against the built server, on Node's default stack (a process started as Crossplane
 * starts it, no --stack-size): a Struct exactly as deep as protobuf-go accepts decodes and is
 * written back, one level more is refused with INVALID_ARGUMENT and where, and so is a Struct
 * 100,000 deep; after each the server still serves: health, then a valid call.
 */
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { useHostileServer } from './support/hostile-server.js';
import {
  bytesField,
  contentOffset,
  entry,
  fieldAt,
  nestedLists,
  request as requestBytes,
  resource,
  value,
} from '../wire/support/proto-bytes.js';
import { sdkStruct } from '../wire/support/sdk-struct.js';
import { inputField, nestedListValue } from './support/hostile-bytes.js';
import { STILL_SERVING, VALID_BYTES, refused } from './support/outcomes.js';

const V1BETA1_PATH = '/apiextensions.fn.proto.v1beta1.FunctionRunnerService/RunFunction';

describe("nesting at and past protobuf-go's limit, against a running server", () => {
  const hostile = useHostileServer();
  const after = hostile.after;

  it("refuses a Struct nested 100 000 deep where it passes protobuf-go's limit", async () => {
    const deep = Buffer.concat([VALID_BYTES, inputField('deep', nestedListValue(100_000))]);
    const outcome = await hostile.raw.call(deep);
    // Request 1, input 2, entry 3, Value 4, then ListValue and Value by turns: the ListValue
    // at 10,001 is reached through 10,000 fields.
    const fields = [4, 1, 2, ...Array.from({ length: 9997 }, (_, i) => (i % 2 === 0 ? 6 : 1))];
    expect({ outcome, after: await after() }).toEqual({
      outcome: refused(
        // input, deep, then the index of each of the 4998 lists open: 10 of 5000 shown.
        'input.deep[0][0][0][0][0][0]…(4990 more)…[0][0]: messages nested deeper than ' +
          `protobuf-go's limit of 10000 at byte ${contentOffset(deep, fields)}`,
      ),
      after: STILL_SERVING,
    });
  });

  // The desired XR's Struct is at depth 4 (request, State, Resource, Struct); under it, a Value
  // at 6 holding n lists puts the innermost Value at 6 + 2n; an object adds 3.
  const desiredXr = (deep: Buffer) =>
    Buffer.concat([
      VALID_BYTES,
      requestBytes.desired(bytesField(1, resource([entry('deep', deep)]))),
    ]);

  it('decodes a Struct exactly as deep as protobuf-go accepts and writes it back', async () => {
    const deepEntry = entry('deep', nestedLists(4997));
    // v1beta1 hands back the raw bytes: no recursive decoder has to read them.
    const outcome = await hostile.raw.call(desiredXr(nestedLists(4997)), { path: V1BETA1_PATH });
    // The function writes the earlier step's XR first, then sets apiVersion, kind and status.
    const written = Buffer.from(fieldAt(outcome.response as Buffer, [2, 1, 1]) ?? []);
    expect({
      code: outcome.code,
      deep: written.subarray(0, deepEntry.length).equals(deepEntry),
      rest: Object.keys(sdkStruct(written.subarray(deepEntry.length)) ?? {}),
      after: await after(),
    }).toEqual({
      code: grpc.status.OK,
      deep: true,
      rest: ['apiVersion', 'kind', 'status'],
      after: STILL_SERVING,
    });
  });

  it('refuses a Struct one level deeper, then serves a valid call', async () => {
    const bytes = desiredXr(value.struct(entry('x', nestedLists(4996))));
    const outcome = await hostile.raw.call(bytes);
    expect({ outcome, after: await after() }).toEqual({
      outcome: refused(
        'desired.composite.resource.deep.x[0][0][0]…(4991 more)…[0][0]: messages nested ' +
          `deeper than protobuf-go's limit of 10000 at byte ${bytes.length - value.string('leaf').length}`,
      ),
      after: STILL_SERVING,
    });
  });

  it('logged nothing but its start line and wrote nothing to stderr through all of the above', () => {
    expect(hostile.said()).toEqual({ lines: ['serving RunFunction'], stderr: '' });
  });
});
