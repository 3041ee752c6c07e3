/**
 * Clients for sending what a well-behaved gRPC client never would: arbitrary bytes as the
 * RunFunction message (identity serializers, as `scripts/bench/client.ts` does), a gRPC frame
 * cut short over plain HTTP/2, and non-HTTP/2 garbage over TCP. Messages are encoded with
 * protobufjs from `test/proto/run_function.proto`, independently of the server's codec.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { connect as http2Connect, constants as http2, type IncomingHttpHeaders } from 'node:http2';
import { connect as tcpConnect } from 'node:net';
import { resolve } from 'node:path';
import { protoJson } from './clients.js';

export const RUN_FUNCTION_PATH = '/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction';

const RUN_FUNCTION_PROTO = resolve(import.meta.dirname, '../../proto/run_function.proto');
const runFunctionMethod = protoLoader.loadSync(RUN_FUNCTION_PROTO, {
  longs: String,
  enums: String,
  bytes: String,
})['apiextensions.fn.proto.v1.FunctionRunnerService'] as grpc.ServiceDefinition | undefined;

const identity = (bytes: Buffer) => bytes;

/** Plain-JSON RunFunctionRequest to its protobuf encoding. */
export function encodeRequest(request: unknown): Buffer {
  const method = runFunctionMethod?.RunFunction;
  if (method === undefined) throw new Error('RunFunction missing from run_function.proto');
  return method.requestSerialize(protoJson.toWire('RunFunctionRequest', request));
}

/** Protobuf-encoded RunFunctionResponse to plain JSON. */
export function decodeResponse(bytes: Buffer): unknown {
  const method = runFunctionMethod?.RunFunction;
  if (method === undefined) throw new Error('RunFunction missing from run_function.proto');
  return protoJson.toJson('RunFunctionResponse', method.responseDeserialize(bytes));
}

/** A call's end as the client sees it: the status, and the decoded response when OK. */
export type Outcome = {
  readonly code: grpc.status;
  readonly details: string;
  readonly response?: unknown;
};

export type CallOptions = {
  readonly path?: string;
  readonly cancelAfterMs?: number;
  readonly deadlineMs?: number;
};

export type RawClient = {
  /**
   * Sends `bytes` as the message of a unary call to `path` (RunFunction unless given) and
   * decodes an OK RunFunction response; `cancelAfterMs` cancels the call from the client side.
   */
  call(bytes: Buffer, options?: CallOptions): Promise<Outcome>;
  close(): void;
};

export function rawConnect(address: string, credentials: grpc.ChannelCredentials): RawClient {
  const client = new grpc.Client(address, credentials, {
    'grpc.max_send_message_length': 16 * 1024 * 1024,
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
  });
  return {
    call(bytes, options = {}) {
      return new Promise((done) => {
        const path = options.path ?? RUN_FUNCTION_PATH;
        const call = client.makeUnaryRequest(
          path,
          identity,
          identity,
          bytes,
          new grpc.Metadata(),
          { deadline: Date.now() + (options.deadlineMs ?? 20_000) },
          (error: grpc.ServiceError | null, response?: Buffer) => {
            if (error !== null) done({ code: error.code, details: error.details });
            else if (response === undefined) done({ code: grpc.status.OK, details: 'no body' });
            else if (path !== RUN_FUNCTION_PATH)
              done({ code: grpc.status.OK, details: '', response });
            else done({ code: grpc.status.OK, details: '', response: decodeResponse(response) });
          },
        );
        if (options.cancelAfterMs !== undefined) {
          setTimeout(() => {
            call.cancel();
          }, options.cancelAfterMs);
        }
      });
    },
    close() {
      client.close();
    },
  };
}

export type Http2Outcome = {
  readonly httpStatus: number | undefined;
  readonly grpcStatus: string | undefined;
  readonly grpcMessage: string | undefined;
};

/**
 * One RunFunction call over bare HTTP/2 whose body is exactly `body` (no framing added), then
 * end of stream: lets a test send a frame header promising more bytes than follow.
 */
export function http2Call(
  port: number,
  body: Buffer,
  headers: Record<string, string> = {},
): Promise<Http2Outcome> {
  return new Promise((done, fail) => {
    const session = http2Connect(`http://127.0.0.1:${port}`);
    session.on('error', fail);
    const stream = session.request({
      [http2.HTTP2_HEADER_METHOD]: 'POST',
      [http2.HTTP2_HEADER_PATH]: RUN_FUNCTION_PATH,
      [http2.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    let httpStatus: number | undefined;
    let trailers: Record<string, unknown> = {};
    stream.on('response', (received) => {
      httpStatus = Number(received[http2.HTTP2_HEADER_STATUS]);
      // A call that fails before any message answers with headers and trailers in one block.
      trailers = { ...received };
    });
    stream.on('trailers', (received: IncomingHttpHeaders) => {
      trailers = { ...trailers, ...received };
    });
    stream.on('error', fail);
    stream.resume();
    stream.on('close', () => {
      session.close();
      const text = (name: string) =>
        typeof trailers[name] === 'string' ? decodeURIComponent(trailers[name]) : undefined;
      done({ httpStatus, grpcStatus: text('grpc-status'), grpcMessage: text('grpc-message') });
    });
    stream.end(body);
  });
}

export type TcpReply = {
  /** Who ended the connection: the server, or this client after `timeoutMs` of waiting. */
  readonly closedBy: 'server' | 'timeout';
  /** HTTP/2 frame types in what the server sent back (4 SETTINGS, 7 GOAWAY). */
  readonly frameTypes: number[];
};

function frameTypes(reply: Buffer): number[] {
  const types: number[] = [];
  for (let at = 0; at + 9 <= reply.length; at += 9 + reply.readUIntBE(at, 3)) {
    types.push(reply.readUInt8(at + 3));
  }
  return types;
}

/** Opens a TCP connection, writes `bytes` (not HTTP/2) and waits for the server to hang up. */
export function tcpGarbage(port: number, bytes: Buffer, timeoutMs = 5_000): Promise<TcpReply> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let closedBy: TcpReply['closedBy'] = 'server';
    const socket = tcpConnect(port, '127.0.0.1', () => {
      socket.write(bytes);
    });
    const timer = setTimeout(() => {
      closedBy = 'timeout';
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', fail);
    socket.on('close', () => {
      clearTimeout(timer);
      done({ closedBy, frameTypes: frameTypes(Buffer.concat(chunks)) });
    });
  });
}

/**
 * Starts a RunFunction call over bare HTTP/2 with `body` and, `afterMs` later, destroys the
 * TCP socket under it: a client that vanishes mid-call without RST_STREAM or GOAWAY.
 */
export function http2Vanish(port: number, body: Buffer, afterMs: number): Promise<void> {
  return new Promise((done) => {
    const socket = tcpConnect(port, '127.0.0.1');
    const session = http2Connect(`http://127.0.0.1:${port}`, { createConnection: () => socket });
    session.on('error', () => undefined);
    const stream = session.request({
      [http2.HTTP2_HEADER_METHOD]: 'POST',
      [http2.HTTP2_HEADER_PATH]: RUN_FUNCTION_PATH,
      [http2.HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc',
      te: 'trailers',
    });
    stream.on('error', () => undefined);
    stream.end(body);
    setTimeout(() => {
      socket.destroy();
      done();
    }, afterMs);
  });
}
