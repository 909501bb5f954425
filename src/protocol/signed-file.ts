/*
 * Files Panelis signs: a JSON object with `format`, `formatVersion` and a
 * `checksum` that is the SHA-256 of the canonical JSON of every other member.
 * Invariant: nothing in a file is trusted (or even validated) before its
 * format, version and checksum are; so a tampered or truncated file is
 * refused with the first failing reason. Canonical JSON and hashing are
 * injected (they live outside the domain today).
 */
import type * as v from "valibot";
import type { HashDeps } from "../domain/publication.ts";
import { validate } from "../domain/schemas.ts";

export type ChecksumDeps = HashDeps;

export type SignedFileRefusal =
  | { reason: "not-a-file" }
  | { reason: "wrong-format" }
  | { reason: "unsupported-version"; version: unknown }
  | { reason: "checksum-missing" }
  | { reason: "checksum-mismatch" };

/** A signed file refused, or one whose checksum holds but whose content does not match its schema. */
export type SignedContentRefusal = SignedFileRefusal | { reason: "invalid-content"; errors: string[] };

export type SignedFileCheck = { ok: true; body: Record<string, unknown> } | ({ ok: false } & SignedFileRefusal);

export const signFile = async <B extends { format: string; formatVersion: number }>(
  body: B,
  deps: ChecksumDeps,
): Promise<B & { checksum: string }> => ({ ...body, checksum: await deps.sha256Hex(deps.canonicalJson(body)) });

export const checkSignedFile = async (
  data: unknown,
  format: string,
  formatVersion: number,
  deps: ChecksumDeps,
): Promise<SignedFileCheck> => {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, reason: "not-a-file" };
  const { checksum, ...body } = data as Record<string, unknown>;
  if (body.format !== format) return { ok: false, reason: "wrong-format" };
  if (body.formatVersion !== formatVersion)
    return { ok: false, reason: "unsupported-version", version: body.formatVersion };
  if (typeof checksum !== "string" || checksum === "") return { ok: false, reason: "checksum-missing" };
  if ((await deps.sha256Hex(deps.canonicalJson(body))) !== checksum) return { ok: false, reason: "checksum-mismatch" };
  return { ok: true, body };
};

/** `checkSignedFile`, then the body (everything but format, version and checksum) against `schema`. */
export const checkSignedContent = async (
  data: unknown,
  format: string,
  formatVersion: number,
  schema: v.GenericSchema,
  deps: ChecksumDeps,
): Promise<{ ok: true } | ({ ok: false } & SignedContentRefusal)> => {
  const signed = await checkSignedFile(data, format, formatVersion, deps);
  if (!signed.ok) return signed;
  const parsed = validate(schema, signed.body);
  if (!parsed.ok) return { ok: false, reason: "invalid-content", errors: parsed.errors };
  return { ok: true };
};
