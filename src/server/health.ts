/**
 * The standard gRPC health service (`grpc.health.v1.Health/Check`), so probes and tests can
 * ask whether the server still serves. Its two messages have one field each, so they are
 * encoded by hand instead of loading a protobuf runtime at start-up (cold start matters).
 * `Watch` is not offered: clients get UNIMPLEMENTED, which the health protocol allows.
 */
import * as grpc from '@grpc/grpc-js';

/** `HealthCheckResponse.ServingStatus` values this server reports. */
export const ServingStatus = { SERVING: 1, NOT_SERVING: 2 } as const;
export type ServingStatus = (typeof ServingStatus)[keyof typeof ServingStatus];

/** Service names a Check may ask about: '' means the whole server. */
export const HEALTH_CHECKED_SERVICES: readonly string[] = [
  '',
  'apiextensions.fn.proto.v1.FunctionRunnerService',
];

type HealthCheckRequest = { readonly service: string };
type HealthCheckResponse = { readonly status: number };

/** Varints run to 10 bytes (negative int64); values past 2^53 lose precision, never length. */
function readVarint(buffer: Buffer, start: number): { value: number; next: number } {
  let value = 0;
  for (let offset = start, shift = 0; offset < buffer.length && shift < 70; offset++, shift += 7) {
    const byte = buffer.readUInt8(offset);
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return { value, next: offset + 1 };
  }
  throw new Error('malformed varint');
}

/** Reads field 1 (`service`, a string); skips any other field as the proto3 rules demand. */
export function decodeHealthCheckRequest(buffer: Buffer): HealthCheckRequest {
  let service = '';
  let offset = 0;
  while (offset < buffer.length) {
    const tag = readVarint(buffer, offset);
    const wireType = tag.value % 8;
    offset = tag.next;
    if (wireType === 0) offset = readVarint(buffer, offset).next;
    else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else if (wireType === 2) {
      const length = readVarint(buffer, offset);
      const end = length.next + length.value;
      if (end > buffer.length) throw new Error('truncated field');
      if (tag.value === 0x0a) service = buffer.toString('utf8', length.next, end);
      offset = end;
    } else throw new Error(`unsupported wire type ${wireType}`);
    if (offset > buffer.length) throw new Error('truncated field');
  }
  return { service };
}

function encodeHealthCheckRequest(request: HealthCheckRequest): Buffer {
  const service = Buffer.from(request.service, 'utf8');
  if (service.length > 127) throw new Error('service name too long');
  return service.length === 0
    ? Buffer.alloc(0)
    : Buffer.concat([Buffer.from([0x0a, service.length]), service]);
}

/** Field 1 (`status`, an enum); 0 is the proto3 default and is therefore not written. */
export function encodeHealthCheckResponse(response: HealthCheckResponse): Buffer {
  return response.status === 0 ? Buffer.alloc(0) : Buffer.from([0x08, response.status]);
}

function decodeHealthCheckResponse(buffer: Buffer): HealthCheckResponse {
  return { status: buffer.length >= 2 ? buffer.readUInt8(1) : 0 };
}

export const HealthService = {
  check: {
    path: '/grpc.health.v1.Health/Check',
    requestStream: false,
    responseStream: false,
    requestSerialize: encodeHealthCheckRequest,
    requestDeserialize: decodeHealthCheckRequest,
    responseSerialize: encodeHealthCheckResponse,
    responseDeserialize: decodeHealthCheckResponse,
    originalName: 'Check',
  },
} as const satisfies grpc.ServiceDefinition;

export type HealthState = {
  readonly implementation: grpc.UntypedServiceImplementation;
  setStatus(status: ServingStatus): void;
};

/**
 * The caller's service name, cut short: status details travel in an HTTP/2 trailer, and an
 * echoed megabyte-long name made the trailer unsendable, leaving the call hanging.
 */
const MAX_ECHOED_SERVICE_NAME = 200;

function echoedServiceName(service: string): string {
  return service.length > MAX_ECHOED_SERVICE_NAME
    ? `${service.slice(0, MAX_ECHOED_SERVICE_NAME)}...`
    : service;
}

export function createHealth(): HealthState {
  let status: ServingStatus = ServingStatus.SERVING;
  const check: grpc.handleUnaryCall<HealthCheckRequest, HealthCheckResponse> = (call, callback) => {
    if (!HEALTH_CHECKED_SERVICES.includes(call.request.service)) {
      callback({
        code: grpc.status.NOT_FOUND,
        details: `unknown service '${echoedServiceName(call.request.service)}'`,
      });
      return;
    }
    callback(null, { status });
  };
  return {
    implementation: { check },
    setStatus(next) {
      status = next;
    },
  };
}
