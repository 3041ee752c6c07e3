/**
 * What crosses the wire, as the function sees it. The request is decoded only where the
 * function reads it (the XR, our own observed resources, required resources, the Input);
 * what it only passes through (earlier steps' desired resources, the context) stays bytes.
 * Field numbers and meanings: run_function.proto (apiextensions.fn.proto.v1).
 *
 * The enums repeat the proto's numbers so the runtime never loads the SDK's ts-proto code;
 * a test checks them against the SDK's.
 */

/** A protobuf Struct as plain JSON: null, boolean, number, string, arrays and objects. */
export type JsonObject = Record<string, unknown>;

export const Ready = { UNSPECIFIED: 0, TRUE: 1, FALSE: 2 } as const;
export type Ready = (typeof Ready)[keyof typeof Ready];

export const Severity = { FATAL: 1, WARNING: 2, NORMAL: 3 } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export const Target = { COMPOSITE: 1, COMPOSITE_AND_CLAIM: 2 } as const;
export type Target = (typeof Target)[keyof typeof Target];

export const ConditionStatus = { UNKNOWN: 1, TRUE: 2, FALSE: 3 } as const;
export type ConditionStatus = (typeof ConditionStatus)[keyof typeof ConditionStatus];

/** A desired composite as an earlier step left it, or as this function returns it. */
export type DesiredComposite = {
  /** The XR body; undefined when the Resource carried no Struct. */
  readonly resource: JsonObject | undefined;
  readonly connectionDetails: Readonly<Record<string, Uint8Array>>;
  readonly ready: Ready;
};

/**
 * An earlier step's desired resource that this function does not own: the encoded
 * `Resource` message (the map entry's value), returned byte for byte.
 */
export type PassThroughResource = { readonly key: string; readonly bytes: Uint8Array };

export type FunctionRequest = {
  readonly tag: string;
  /** `observed.composite.resource`. */
  readonly observedComposite: JsonObject | undefined;
  /** `observed.resources`, only the keys the function owns (the decoder is told which). */
  readonly observedResources: Readonly<Record<string, JsonObject>>;
  /** `desired.composite` from earlier steps: its status is merged with ours. */
  readonly desiredComposite: DesiredComposite | undefined;
  /** `desired.resources` from earlier steps, minus the keys we own, in wire order. */
  readonly passThrough: readonly PassThroughResource[];
  /** The step's Input. */
  readonly input: JsonObject | undefined;
  /** The pipeline context Struct, passed through as bytes; undefined when absent. */
  readonly context: Uint8Array | undefined;
  /** `required_resources`, each requirement's items that carry a resource. */
  readonly requiredResources: Readonly<Record<string, readonly JsonObject[]>>;
  /** The deprecated `extra_resources`, which older Crossplane and render fill. */
  readonly extraResources: Readonly<Record<string, readonly JsonObject[]>>;
};

/** One composed resource this function owns. */
export type ComposedResource = {
  readonly key: string;
  readonly resource: JsonObject;
  readonly ready: Ready;
};

export type Result = {
  readonly severity: Severity;
  readonly message: string;
  readonly reason?: string;
  readonly target?: Target;
};

export type Condition = {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason: string;
  readonly message?: string;
  readonly target?: Target;
};

export type ResourceSelector = {
  readonly apiVersion: string;
  readonly kind: string;
  readonly matchName?: string;
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly namespace?: string;
};

export type FunctionResponse = {
  readonly tag: string;
  readonly ttlSeconds: number;
  readonly desiredComposite: DesiredComposite | undefined;
  /** Earlier steps' resources first, in their order, then ours. */
  readonly passThrough: readonly PassThroughResource[];
  readonly composed: readonly ComposedResource[];
  readonly results: readonly Result[];
  readonly conditions: readonly Condition[];
  /** `requirements.resources`; the deprecated and schema maps are sent empty. */
  readonly requirements: Readonly<Record<string, ResourceSelector>>;
  readonly context: Uint8Array | undefined;
};
