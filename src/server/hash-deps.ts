/** The server's one canonical-JSON + SHA-256 pair: publication hashes and signed-file checksums both use it. */
import { canonicalJson } from "../domain/canonical-json.ts";
import type { HashDeps } from "../domain/publication.ts";
import { sha256Hex } from "../domain/sha256.ts";

export const HASH_DEPS: HashDeps = { canonicalJson, sha256Hex };
