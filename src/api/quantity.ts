/**
 * Kubernetes resource quantities (`10Gi`, `500m`, `1e3`), as the API server accepts them.
 *
 * The pattern is the one `resource.Quantity` publishes in OpenAPI, so the XRD and the
 * runtime parser agree. Values are converted to a number of base units only to compare
 * sizes (PVC shrink detection); composed objects keep the text the user wrote.
 */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

const quantityRegExp = new RegExp(QUANTITY_PATTERN);

const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

export function isQuantity(text: string): boolean {
  return quantityRegExp.test(text);
}

/** The value of a quantity in base units (bytes for storage), or undefined if it is not one. */
export function quantityValue(text: string): number | undefined {
  if (!isQuantity(text)) return undefined;
  const match = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(text);
  if (!match) return undefined;
  const [, number = '', suffix = ''] = match;
  const base = Number(number);
  const multiplier = BINARY[suffix] ?? DECIMAL[suffix] ?? 10 ** Number(suffix.slice(1));
  return base * multiplier;
}
