import { useEffect, useState } from "preact/hooks";
import { canonicalJson } from "../../domain/canonical-json.ts";
import type { PublicationContent } from "../../domain/publication.ts";
import { sha256Hex } from "../../domain/sha256.ts";

/** The fingerprint the server would give `content` if published now; null while it is being computed. */
export const useContentHash = (content: PublicationContent | null): string | null => {
  const [hash, setHash] = useState<{ of: PublicationContent; hash: string } | null>(null);
  useEffect(() => {
    if (!content) return;
    let live = true;
    void sha256Hex(canonicalJson(content)).then((h) => {
      if (live) setHash({ of: content, hash: h });
    });
    return () => {
      live = false;
    };
  }, [content]);
  return hash && hash.of === content ? hash.hash : null;
};
