/**
 * The cache maker's gRPC client, on node:http2 alone (it must not add code to the bundle):
 * unary RunFunction calls with already encoded requests, over plaintext loopback.
 */
import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders } from 'node:http2';
import { createServer } from 'node:net';

const RUN_FUNCTION_PATH = '/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction';
/** A warm-up call takes milliseconds; a stuck one must fail the build, not hang it. */
const CALL_TIMEOUT_MS = 30_000;

/** A port free on the loopback interface right now (nothing else listens in a build). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** gRPC's length-prefixed message: uncompressed flag, 4-byte big-endian length, bytes. */
function frame(message: Uint8Array): Buffer {
  const framed = Buffer.alloc(5 + message.length);
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, 5);
  return framed;
}

/** One call; rejects unless the server answers with grpc-status 0. */
function runFunction(session: ClientHttp2Session, request: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = session.request({
      [constants.HTTP2_HEADER_METHOD]: 'POST',
      [constants.HTTP2_HEADER_PATH]: RUN_FUNCTION_PATH,
      [constants.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      [constants.HTTP2_HEADER_TE]: 'trailers',
    });
    let trailers: IncomingHttpHeaders = {};
    stream.on('trailers', (received: IncomingHttpHeaders) => {
      trailers = received;
    });
    stream.on('data', () => undefined);
    stream.setTimeout(CALL_TIMEOUT_MS, () => {
      stream.close(constants.NGHTTP2_CANCEL);
    });
    stream.once('error', reject);
    stream.once('close', () => {
      const status = trailers['grpc-status'];
      if (status === '0') {
        resolve();
        return;
      }
      const message = trailers['grpc-message'];
      reject(
        new Error(
          status === undefined
            ? 'warm-up RunFunction got no answer'
            : `warm-up RunFunction failed: grpc-status ${String(status)} ${String(message ?? '')}`,
        ),
      );
    });
    stream.end(frame(request));
  });
}

/** Sends `requests` one after another, `rounds` times, to the server on `port`. */
export async function callRunFunction(
  port: number,
  requests: readonly Uint8Array[],
  rounds: number,
): Promise<void> {
  const session = connect(`http://127.0.0.1:${port}`);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const request of requests) await runFunction(session, request);
    }
  } finally {
    session.close();
  }
}
