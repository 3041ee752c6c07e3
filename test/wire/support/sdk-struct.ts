/**
 * google.protobuf.Struct through the SDK, which does not export its Struct codec: a Struct
 * is the `context` field (5) of an otherwise empty RunFunctionRequest.
 */
import { RunFunctionRequest } from '@crossplane-org/function-sdk-typescript';
import protobuf from 'protobufjs/minimal.js';
import type { JsonObject } from '../../../src/wire/types.js';

const CONTEXT = 42; // RunFunctionRequest.context, field 5, length-delimited

const EMPTY_REQUEST: RunFunctionRequest = {
  meta: undefined,
  observed: undefined,
  desired: undefined,
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- every map must be present
  extraResources: {},
  credentials: {},
  requiredResources: {},
  requiredSchemas: {},
};

/** The SDK's `Struct.encode(Struct.wrap(object))`. */
export function sdkStructBytes(object: JsonObject): Uint8Array {
  const encoded = RunFunctionRequest.encode({ ...EMPTY_REQUEST, context: object }).finish();
  const reader = new protobuf.Reader(encoded);
  if (reader.uint32() !== CONTEXT) throw new Error('the SDK wrote no context field first');
  return reader.bytes();
}

/** The SDK's `Struct.unwrap(Struct.decode(bytes))`. */
export function sdkStruct(bytes: Uint8Array): JsonObject | undefined {
  const writer = new protobuf.Writer();
  writer.uint32(CONTEXT).bytes(bytes);
  return RunFunctionRequest.decode(writer.finish()).context;
}
