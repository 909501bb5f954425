/*
 * Canonical JSON: object keys sorted by code unit, undefined members dropped,
 * no whitespace. Two devices serialising equal data produce identical text, so
 * a checksum over it survives a JSON round trip (export → file → import).
 */

export const canonicalJson = (value: unknown): string => {
  if (value !== null && typeof value === "object") {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === "function") return canonicalJson(withJson.toJSON());
    if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
    const source = value as Record<string, unknown>;
    // Written by hand because JSON.stringify puts integer-like keys first whatever order they are given in.
    const members = Object.keys(source)
      .filter((key) => source[key] !== undefined && typeof source[key] !== "function")
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(source[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
};

const toHex = (buffer: ArrayBuffer): string =>
  Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");

/** Lower-case hex SHA-256; crypto.subtle exists in windows, workers and Node 20. */
export const sha256Hex = async (text: string): Promise<string> =>
  toHex(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));

export const checksumOf = (value: unknown): Promise<string> => sha256Hex(canonicalJson(value));
