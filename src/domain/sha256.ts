/** Lower-case hex SHA-256 of a text; Web Crypto exists in windows, workers and Node 20, so page, worker and server share it. */
export const sha256Hex = async (text: string): Promise<string> =>
  Array.from(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("");
