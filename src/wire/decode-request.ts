/**
 * RunFunctionRequest bytes to the FunctionRequest the pipeline reads, decoding only that:
 * the tag, the observed XR, the observed resources the function owns, the desired XR, the
 * Input and required resources. Earlier steps' desired resources and the context stay bytes;
 * credentials, required schemas, capabilities and unknown fields are skipped unread.
 *
 * Inside the Kubernetes objects it decodes, the fields no step reads are skipped unread too
 * (the tables in unread.ts): in every observed composed resource and every required
 * resource, `metadata.managedFields` and `metadata.annotations`, and in the Deployment (key
 * `deployment`) `spec.template`; in the observed XR, `metadata.managedFields`,
 * `metadata.annotations` and `spec.crossplane`. The desired XR is decoded whole (the response writes it back) and so is the
 * Input. A skipped field is absent from the decoded object. The rule applies to a Struct
 * entry written as every encoder writes one, its key and then a Value filling the rest of
 * the entry (struct-decode.ts); an entry written otherwise is decoded like any other.
 * test/wire/unread.test.ts runs the pipeline on objects that watch every read and checks
 * that none of these fields is read, so a step that starts reading one fails there.
 *
 * Field numbers: run_function.proto (apiextensions.fn.proto.v1; v1beta1 is the same wire).
 * A singular field seen twice keeps the last one and a map entry without a value is dropped,
 * as the SDK's ts-proto decoder does. Depth is counted as protobuf-go counts it (the request
 * is 1, every message and map entry inside adds one), so what it refuses is refused here.
 * What is skipped unread is checked for nothing but its length: Crossplane decoded or built
 * all of it before sending it.
 */
import { formatPath, keySegment, WireError } from './errors.js';
import {
  bytes,
  enter,
  int32,
  leave,
  length,
  Malformed,
  newReader,
  skip,
  string,
  tag,
  within,
  type Reader,
} from './reader.js';
import { structField } from './struct-decode.js';
import type { Unread } from './struct-stack.js';
import { UNREAD_IN_COMPOSITE, UNREAD_IN_OBJECT, unreadInComposed } from './unread.js';
import { Ready, type DesiredComposite, type FunctionRequest, type JsonObject } from './types.js';
import { FIELD_1, FIELD_2, FIELD_3, FIELD_4, FIELD_5, FIELD_6, FIELD_8, VARINT_3 } from './tags.js';

/** Resource.ready, field 3, a varint. */
const READY = VARINT_3;

/** A map entry: its key, and where its value's content lies (`start` -1: no value). */
type Entry = { key: string; start: number; end: number };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Ready numbers Crossplane knows; any other reads as UNSPECIFIED, which is what it means there. */
function ready(value: number): Ready {
  return value === Ready.TRUE || value === Ready.FALSE ? value : Ready.UNSPECIFIED;
}

class RequestDecoder {
  constructor(
    private readonly reader: Reader,
    private readonly owns: (key: string) => boolean,
  ) {}

  /** Hands each field tag of the message at the reader's length prefix to `field`. */
  private fields(depth: number, segment: string, field: (fieldTag: number) => void): void {
    const reader = this.reader;
    try {
      const outer = enter(reader, length(reader), depth);
      while (reader.pos < reader.len) field(tag(reader));
      leave(reader, outer);
    } catch (error) {
      throw within(error, segment);
    }
  }

  /** A map entry at `depth`; its value is only located, for the caller to read or not. */
  private entry(depth: number, segment: string): Entry {
    const reader = this.reader;
    const entry: Entry = { key: '', start: -1, end: -1 };
    this.fields(depth, segment, (fieldTag) => {
      if (fieldTag === FIELD_1) entry.key = string(reader);
      else if (fieldTag !== FIELD_2) skip(reader, fieldTag);
      else {
        const size = length(reader);
        entry.start = reader.pos;
        entry.end = reader.pos + size;
        reader.pos = entry.end;
      }
    });
    return entry;
  }

  /** Hands each field tag of a located entry value (a message at `depth`) to `field`. */
  private valueFields(entry: Entry, depth: number, segment: string, field: (t: number) => void) {
    const reader = this.reader;
    const { pos, len } = reader;
    reader.pos = entry.start;
    reader.len = entry.end;
    try {
      enter(reader, entry.end - entry.start, depth);
      while (reader.pos < reader.len) field(tag(reader));
    } catch (error) {
      throw within(within(error, keySegment(entry.key)), segment);
    }
    reader.pos = pos;
    reader.len = len;
  }

  private struct(depth: number, segment: string, unread?: Unread): JsonObject {
    try {
      return structField(this.reader, depth, unread);
    } catch (error) {
      throw within(error, segment);
    }
  }

  /**
   * A Resource's `resource` Struct (field 1), without its `unread` fields; the rest of the
   * Resource is skipped.
   */
  private resourceField(
    fieldTag: number,
    depth: number,
    body: { resource?: JsonObject },
    unread?: Unread,
  ): void {
    if (fieldTag === FIELD_1) body.resource = this.struct(depth + 1, '.resource', unread);
    else skip(this.reader, fieldTag);
  }

  decode(): FunctionRequest {
    const reader = this.reader;
    const req: Mutable<FunctionRequest> = {
      tag: '',
      observedComposite: undefined,
      observedResources: {},
      desiredComposite: undefined,
      passThrough: [],
      input: undefined,
      context: undefined,
      requiredResources: {},
      extraResources: {},
    };
    while (reader.pos < reader.len) {
      const fieldTag = tag(reader);
      if (fieldTag === FIELD_1) req.tag = this.meta();
      else if (fieldTag === FIELD_2) this.observed(req);
      else if (fieldTag === FIELD_3) this.desired(req);
      else if (fieldTag === FIELD_4) req.input = this.struct(2, '.input');
      else if (fieldTag === FIELD_5) req.context = bytes(reader);
      else if (fieldTag === FIELD_6) this.required(req.extraResources, '.extra_resources');
      else if (fieldTag === FIELD_8) this.required(req.requiredResources, '.required_resources');
      else skip(reader, fieldTag);
    }
    return req;
  }

  /** RequestMeta: the tag; capabilities are not read. */
  private meta(): string {
    let metaTag = '';
    this.fields(2, '.meta', (fieldTag) => {
      if (fieldTag === FIELD_1) metaTag = string(this.reader);
      else skip(this.reader, fieldTag);
    });
    return metaTag;
  }

  /** Observed State: the XR's body, and the bodies of the resources the function owns. */
  private observed(req: Mutable<FunctionRequest>): void {
    req.observedComposite = undefined;
    // The last entry for a key wins; one without a body means nothing was observed there.
    const resources = new Map<string, JsonObject | undefined>();
    this.fields(2, '.observed', (fieldTag) => {
      if (fieldTag === FIELD_1) {
        const body: { resource?: JsonObject } = {};
        this.fields(3, '.composite', (t) => {
          this.resourceField(t, 3, body, UNREAD_IN_COMPOSITE);
        });
        req.observedComposite = body.resource;
      } else if (fieldTag === FIELD_2) {
        const entry = this.entry(3, '.resources');
        if (entry.start < 0 || !this.owns(entry.key)) return;
        const body: { resource?: JsonObject } = {};
        this.valueFields(entry, 4, '.resources', (t) => {
          this.resourceField(t, 4, body, unreadInComposed(entry.key));
        });
        resources.set(entry.key, body.resource);
      } else skip(this.reader, fieldTag);
    });
    const observed: Record<string, JsonObject> = {};
    for (const [key, resource] of resources) if (resource !== undefined) observed[key] = resource;
    req.observedResources = observed;
  }

  /** Desired State: the XR as earlier steps left it, and their resources as bytes. */
  private desired(req: Mutable<FunctionRequest>): void {
    req.desiredComposite = undefined;
    const passThrough = new Map<string, Uint8Array>();
    this.fields(2, '.desired', (fieldTag) => {
      if (fieldTag === FIELD_1) req.desiredComposite = this.desiredComposite();
      else if (fieldTag === FIELD_2) {
        const entry = this.entry(3, '.resources');
        if (entry.start < 0 || this.owns(entry.key)) return;
        passThrough.set(entry.key, this.reader.buf.subarray(entry.start, entry.end));
      } else skip(this.reader, fieldTag);
    });
    req.passThrough = [...passThrough].map(([key, encoded]) => ({ key, bytes: encoded }));
  }

  private desiredComposite(): DesiredComposite {
    const reader = this.reader;
    const body: { resource?: JsonObject } = {};
    const connectionDetails: Record<string, Uint8Array> = {};
    let readiness: Ready = Ready.UNSPECIFIED;
    this.fields(3, '.composite', (fieldTag) => {
      if (fieldTag === FIELD_2) {
        const entry = this.entry(4, '.connection_details');
        if (entry.start < 0) connectionDetails[entry.key] = new Uint8Array(0);
        else connectionDetails[entry.key] = reader.buf.subarray(entry.start, entry.end);
      } else if (fieldTag === READY) readiness = ready(int32(reader));
      else this.resourceField(fieldTag, 3, body);
    });
    return { resource: body.resource, connectionDetails, ready: readiness };
  }

  /** One entry of `required_resources` or `extra_resources`: its items that have a body. */
  private required(into: Record<string, readonly JsonObject[]>, segment: string): void {
    const entry = this.entry(2, segment);
    if (entry.start < 0) return;
    const items: JsonObject[] = [];
    this.valueFields(entry, 3, segment, (fieldTag) => {
      if (fieldTag !== FIELD_1) {
        skip(this.reader, fieldTag);
        return;
      }
      const body: { resource?: JsonObject } = {};
      this.fields(4, `.items[${items.length}]`, (t) => {
        this.resourceField(t, 4, body, UNREAD_IN_OBJECT);
      });
      if (body.resource !== undefined) items.push(body.resource);
    });
    into[entry.key] = items;
  }
}

/**
 * Decodes a RunFunctionRequest. `owns` says which composition-resource keys are the
 * function's: those observed resources are decoded, and those desired resources from
 * earlier steps are dropped (the function returns its own). Throws WireError.
 */
export function decodeRunFunctionRequest(
  encoded: Uint8Array,
  owns: (key: string) => boolean,
): FunctionRequest {
  try {
    return new RequestDecoder(newReader(encoded), owns).decode();
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    const path = formatPath([...error.segments].reverse());
    const where = path === '' ? '' : `${path}: `;
    throw new WireError(
      `invalid RunFunctionRequest: ${where}${error.reason} at byte ${error.offset}`,
    );
  }
}
