/**
 * gRPC clients built independently of the server: RunFunction from `test/proto/run_function.proto`
 * and Health from `health.proto`, both through @grpc/proto-loader (protobufjs).
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import type { ClientIdentity } from './certs.js';
import { ProtoJson } from './proto-json.js';

const RUN_FUNCTION_PROTO = resolve(import.meta.dirname, '../../proto/run_function.proto');
const HEALTH_PROTO = resolve(import.meta.dirname, 'health.proto');

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  bytes: String,
  defaults: false,
  oneofs: false,
};

type UnaryMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => grpc.ClientUnaryCall;

type ServiceClient = grpc.Client & Record<string, UnaryMethod>;

function serviceConstructor(definition: protoLoader.PackageDefinition, path: string) {
  let node: unknown = grpc.loadPackageDefinition(definition);
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as new (
    address: string,
    credentials: grpc.ChannelCredentials,
    options?: grpc.ClientOptions,
  ) => ServiceClient;
}

const runFunctionDefinition = protoLoader.loadSync(RUN_FUNCTION_PROTO, LOADER_OPTIONS);
const healthDefinition = protoLoader.loadSync(HEALTH_PROTO, LOADER_OPTIONS);
export const protoJson = new ProtoJson(runFunctionDefinition, 'apiextensions.fn.proto.v1');

export const credentials = {
  insecure: () => grpc.credentials.createInsecure(),
  /** TLS trusting `ca`, presenting `identity` when given (mutual TLS). */
  tls: (ca: Buffer, identity?: ClientIdentity) =>
    identity === undefined
      ? grpc.credentials.createSsl(ca)
      : grpc.credentials.createSsl(ca, identity.key, identity.cert),
};

/** Generous enough for a 3 MiB request on a loaded CI machine; calls never wait for ready. */
const DEFAULT_DEADLINE_MS = 20_000;

function unary(client: ServiceClient, method: string, request: unknown, deadlineMs: number) {
  return new Promise<unknown>((done, fail) => {
    const call = client[method];
    if (call === undefined) throw new Error(`no method ${method}`);
    call.call(
      client,
      request,
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (error, response) => {
        if (error === null) done(response);
        else fail(error);
      },
    );
  });
}

export type RunFunctionClient = {
  /** Sends a plain-JSON RunFunctionRequest; resolves with the plain-JSON response. */
  run(request: unknown, deadlineMs?: number): Promise<unknown>;
  health(service?: string): Promise<string>;
  close(): void;
};

const CLIENT_OPTIONS: grpc.ClientOptions = {
  'grpc.max_receive_message_length': 16 * 1024 * 1024,
  'grpc.max_send_message_length': 16 * 1024 * 1024,
};

/** RunFunction as Crossplane <= v1.16 calls it: same messages, package `v1beta1`. */
function v1beta1Constructor() {
  const v1 = runFunctionDefinition['apiextensions.fn.proto.v1.FunctionRunnerService'];
  const method = (v1 as grpc.ServiceDefinition | undefined)?.RunFunction;
  if (method === undefined) throw new Error('RunFunction missing from run_function.proto');
  const path = '/apiextensions.fn.proto.v1beta1.FunctionRunnerService/RunFunction';
  return grpc.makeGenericClientConstructor(
    { RunFunction: { ...method, path } },
    'v1beta1',
  ) as unknown as new (
    address: string,
    credentials: grpc.ChannelCredentials,
    options?: grpc.ClientOptions,
  ) => ServiceClient;
}

export type ConnectOptions = { readonly host?: string; readonly v1beta1?: boolean };

export function connect(
  port: number,
  channelCredentials: grpc.ChannelCredentials,
  options: ConnectOptions = {},
): RunFunctionClient {
  const RunFunction =
    options.v1beta1 === true
      ? v1beta1Constructor()
      : serviceConstructor(
          runFunctionDefinition,
          'apiextensions.fn.proto.v1.FunctionRunnerService',
        );
  const Health = serviceConstructor(healthDefinition, 'grpc.health.v1.Health');
  const address = `${options.host ?? 'localhost'}:${port}`;
  const runner = new RunFunction(address, channelCredentials, CLIENT_OPTIONS);
  const health = new Health(address, channelCredentials);
  return {
    async run(request, deadlineMs = DEFAULT_DEADLINE_MS) {
      const wire = protoJson.toWire('RunFunctionRequest', request);
      const response = await unary(runner, 'RunFunction', wire, deadlineMs);
      return protoJson.toJson('RunFunctionResponse', response);
    },
    async health(service = '') {
      const response = await unary(health, 'Check', { service }, DEFAULT_DEADLINE_MS);
      return (response as { status?: string }).status ?? 'UNKNOWN';
    },
    close() {
      runner.close();
      health.close();
    },
  };
}
