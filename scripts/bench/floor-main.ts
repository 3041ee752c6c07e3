/**
 * The floor: a bare grpc-js server whose RunFunction neither decodes the request nor encodes
 * anything (it answers an empty RunFunctionResponse). What any Node gRPC function costs at
 * least: HTTP/2, framing, one buffer per message. `--address host:port`, plaintext.
 */
import * as grpc from '@grpc/grpc-js';
import { parseArgs } from 'node:util';
import { FunctionRunnerServiceV1 } from '../../src/server/raw-service.js';

const { values } = parseArgs({ options: { address: { type: 'string' } } });
const EMPTY_RESPONSE = Buffer.alloc(0);

const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
server.addService(FunctionRunnerServiceV1, {
  runFunction: (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => {
    callback(null, EMPTY_RESPONSE);
  },
});
server.bindAsync(
  values.address ?? '127.0.0.1:9443',
  grpc.ServerCredentials.createInsecure(),
  (error) => {
    if (error) throw error;
  },
);
process.on('SIGTERM', () => {
  server.forceShutdown();
  process.exit(0);
});
