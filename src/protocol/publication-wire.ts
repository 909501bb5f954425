/*
 * Wire types of publishing and of the read-only links: the coordinator publishes an
 * edition and hands out links; a link's holder reads the latest publication without
 * signing in. Kept apart from `wire.ts` (the sync protocol): tablets never send these.
 */
import * as v from "valibot";
import type { DistrictView } from "../domain/publication-view.ts";
import type { PublicationContent, PublicationDiff } from "../domain/publication.ts";
import { identity } from "../domain/schema-core.ts";

export type PublishRequest = { showNames?: boolean };

export const PublishSchema = v.object({ showNames: v.optional(v.boolean(), false) });

/** One stored version, without its content. */
export type PublicationInfo = {
  editionId: string;
  version: number;
  publishedAt: number;
  /** The coordinator's id and name as they were when publishing. */
  publishedBy: { id: string; name: string };
  contentHash: string;
  previousHash: string | null;
};

/** `created` false: the content equalled the latest version, which is returned unchanged. */
export type PublishResponse = {
  publication: PublicationInfo;
  diff: PublicationDiff | null;
  created: boolean;
  editionVersion: number;
};

/** Newest first; `diff` is against the version before it (null for version 1). */
export type PublicationListResponse = { publications: Array<PublicationInfo & { diff: PublicationDiff | null }> };

export const READ_LINK_KINDS = ["district", "observer"] as const;

export type ReadLinkKind = (typeof READ_LINK_KINDS)[number];

export type ReadLinkRequest = { kind: "observer" } | { kind: "district"; participantId: string };

export const ReadLinkSchema = v.variant("kind", [
  v.object({ kind: v.literal("observer") }),
  v.object({ kind: v.literal("district"), participantId: identity() }),
]);

export type ReadLinkInfo = {
  id: string;
  editionId: string;
  kind: ReadLinkKind;
  participantId: string | null;
  createdAt: number;
  revokedAt: number | null;
};

/** The token is shown once, when the link is made; the server keeps only its hash. */
export type ReadLinkCreated = { link: ReadLinkInfo; token: string };

export type ReadLinkListResponse = { links: ReadLinkInfo[] };

type SnapshotMeta = { editionId: string; version: number; publishedAt: number; contentHash: string };

/** What `GET /published/:token` answers: always the latest publication, never live data. */
export type PublishedSnapshot =
  | (SnapshotMeta & { kind: "observer"; content: PublicationContent })
  | (SnapshotMeta & { kind: "district"; district: DistrictView });

/** Tokens are base64url (auth.ts newToken); anything else is refused before a lookup. */
export const READ_TOKEN_RE = /^[A-Za-z0-9_-]{16,128}$/;
