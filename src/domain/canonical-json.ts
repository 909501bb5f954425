/*
 * Canonical JSON, the one specification shared by the page, the sync worker and
 * the server. For any value JSON.parse can produce:
 * - object keys sorted by UTF-16 code unit, members whose value is undefined left out;
 * - array items kept in order, undefined items written as null;
 * - no whitespace; strings and numbers exactly as JSON.stringify writes them.
 * The server's bytes are the reference: hashes of earlier pushes are stored in
 * mutations_seen, and a retry that spans an upgrade must still be a duplicate, not a
 * 409 (which halts the tablet's outbox); export checksums use the same text, so a
 * file's checksum survives a JSON round trip (tests/domain/canonical-json.test.ts).
 */

/** The canonical text built by hand: the reference form, used when the fast path cannot produce it. */
const canonicalText = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    if (object[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalText(object[key])}`);
  }
  return `{${parts.join(",")}}`;
};

const UNSORTABLE = Symbol("unsortable");

/**
 * A copy with every object's keys inserted in sorted (code-unit) order, for the native
 * JSON.stringify to write; UNSORTABLE when insertion order cannot decide the output:
 * index-like keys ("0", "12") are listed first whatever the order, and "__proto__"
 * would set the prototype instead of adding a key.
 */
const sortedCopy = (value: unknown): unknown => {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const copy = sortedCopy(item);
      if (copy === UNSORTABLE) return UNSORTABLE;
      out.push(copy);
    }
    return out;
  }
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) {
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === "__proto__") return UNSORTABLE;
    const copy = sortedCopy(object[key]);
    if (copy === UNSORTABLE) return UNSORTABLE;
    out[key] = copy;
  }
  return out;
};

/**
 * Whether the native JSON.stringify already writes the canonical text: every object's keys
 * listed in strictly increasing code-unit order, none index-like or "__proto__" (the same
 * rule as `sortedCopy`). A validated mutation is (record-schemas.ts builds it in key order),
 * so a push hashes it without a sorted copy of every mutation.
 */
const inCanonicalOrder = (value: unknown): boolean => {
  if (value === null || typeof value !== "object") return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!inCanonicalOrder(item)) return false;
    return true;
  }
  // Only plain objects: anything with its own toJSON (a Date) takes the copying path, as it always did.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const object = value as Record<string, unknown>;
  let previous = "";
  for (const key of Object.keys(object)) {
    const first = key.charCodeAt(0);
    if (key <= previous || (first >= 48 && first <= 57) || key === "__proto__") return false;
    if (!inCanonicalOrder(object[key])) return false;
    previous = key;
  }
  return true;
};

/**
 * Already in order: the native JSON.stringify as is. Otherwise a sorted copy through it,
 * about twice as fast as building the text by hand, which is left for what insertion
 * order cannot decide.
 */
export const canonicalJson = (value: unknown): string => {
  if (inCanonicalOrder(value)) return JSON.stringify(value) ?? "null";
  const copy = sortedCopy(value);
  return copy === UNSORTABLE ? canonicalText(value) : (JSON.stringify(copy) ?? "null");
};

/** Key order differs between a merged copy and a stored one, so records are compared canonically. */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
