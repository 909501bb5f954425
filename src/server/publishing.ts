/*
 * Publishing an edition and reading it through a read-only link. Invariants:
 * - The server computes the results itself from what it stores (as GET /results does)
 *   and publishes the content domain/publication.ts builds; the hash is the SHA-256 of
 *   its canonical JSON, and that same text is what is stored.
 * - Publishing is one transaction: the records are read, the version stored, the
 *   edition moved to `published` and the audit entry appended together. Content equal
 *   to the latest version stores nothing and answers that version, so a retry or a
 *   double tap is harmless.
 * - A link resolves only to the newest stored publication, never to live data; a
 *   district's link only to that district's view (domain/publication-view.ts).
 */
import { randomBytes } from "node:crypto";
import { canonicalJson } from "../domain/canonical-json.ts";
import { computeResultsWithFeedback } from "../domain/compute-feedback.ts";
import type { PreviousEdition } from "../domain/feedback-letter.ts";
import type { EditionBundle } from "../domain/types.ts";
import { stateOf } from "../domain/edition-lifecycle.ts";
import { districtView } from "../domain/publication-view.ts";
import { diffPublications, type Publication, publicationContent, publish } from "../domain/publication.ts";
import type {
  PublicationInfo,
  PublicationListResponse,
  PublishedSnapshot,
  PublishResponse,
  ReadLinkCreated,
  ReadLinkInfo,
  ReadLinkRequest,
} from "../protocol/publication-wire.ts";
import { auditBy } from "./actor-audit.ts";
import { hashToken, newToken } from "./auth.ts";
import { HASH_DEPS } from "./hash-deps.ts";
import type { Actor } from "./editions.ts";
import { editionRecords, fullBundle } from "./edition-reads.ts";
import { ApiError } from "./errors.ts";
import type { PublicationEntity, ReadLinkEntity, Store, StoreReads, TxStore } from "./store/store-types.ts";

/** A stored row as the domain (and the backup file) see it: `publishedAt` in ISO 8601. */
export const asPublication = (e: PublicationEntity): Publication => ({
  ...e,
  publishedAt: new Date(e.publishedAt).toISOString(),
});

const infoOf = async (
  reads: Pick<StoreReads, "coordinators">,
  e: Omit<PublicationEntity, "content">,
): Promise<PublicationInfo> => ({
  editionId: e.editionId,
  version: e.version,
  publishedAt: e.publishedAt,
  publishedBy: { id: e.publishedBy, name: (await reads.coordinators.byId(e.publishedBy))?.name ?? e.publishedBy },
  contentHash: e.contentHash,
  previousHash: e.previousHash,
});

/** The edition this one was copied from, with its results, for "change since last edition" (absent when not stored). */
const previousEditionOf = async (s: TxStore, bundle: EditionBundle): Promise<PreviousEdition | undefined> => {
  const sourceId = bundle.edition.sourceEditionId;
  const source = sourceId ? await fullBundle(s, sourceId) : undefined;
  return source ? { bundle: source, results: computeResultsWithFeedback(source) } : undefined;
};

export const publishEdition = (
  store: Store,
  editionId: string,
  actor: Actor,
  now: number,
  options: { showNames: boolean },
): Promise<PublishResponse> =>
  store.tx(async (s) => {
    const stored = await s.editions.bundle(editionId);
    if (!stored) throw new ApiError("not-found");
    const bundle = { ...stored.bundle, ...(await editionRecords(s, editionId)) };
    const { edition } = bundle;
    const state = stateOf(edition);
    if (state !== "closed" && state !== "published") throw new ApiError("edition-not-closed", { state });
    const content = publicationContent(bundle, computeResultsWithFeedback(bundle), {
      showNames: options.showNames,
      previous: await previousEditionOf(s, bundle),
    });
    const latest = await s.publications.latest(editionId);
    const plan = await publish(
      content,
      {
        publishedAt: new Date(now).toISOString(),
        publishedBy: actor.id,
        latest: latest ? asPublication(latest) : null,
      },
      HASH_DEPS,
    );
    // A closed edition becomes published even when its content equals the latest version (reopened and closed unchanged).
    const editionVersion =
      state === "closed" ? await s.editions.put({ ...edition, state: "published" }, now) : stored.version;
    if (state === "closed") {
      await auditBy(
        s,
        editionId,
        actor,
        now,
      )({
        table: "editions",
        key: editionId,
        field: "state",
        old: state,
        new: "published",
        version: editionVersion,
      });
    }
    if (plan.kind === "unchanged" && latest) {
      return { publication: await infoOf(s, latest), diff: null, created: false, editionVersion };
    }
    if (plan.kind === "unchanged") throw new Error("unchanged without a latest publication");
    const p = plan.publication;
    const entity = { ...p, publishedAt: now };
    await s.publications.insert(entity, canonicalJson(p.content));
    await auditBy(
      s,
      editionId,
      actor,
      now,
    )({
      table: "publications",
      key: editionId,
      field: "published",
      old: p.previousHash,
      new: { version: p.version, contentHash: p.contentHash },
      version: null,
    });
    return { publication: await infoOf(s, entity), diff: plan.diff, created: true, editionVersion };
  });

/** Every version, newest first, each with what changed against the one before it. */
export const listPublications = async (store: Store, editionId: string): Promise<PublicationListResponse> => {
  const metas = await store.publications.list(editionId);
  const publications: PublicationListResponse["publications"] = [];
  let newer: PublicationEntity | undefined;
  for (const meta of metas) {
    const full = await store.publications.get(editionId, meta.version);
    if (!full) continue;
    const last = publications.at(-1);
    if (last && newer) last.diff = diffPublications(asPublication(full), asPublication(newer));
    publications.push({ ...(await infoOf(store, meta)), diff: null });
    newer = full;
  }
  return { publications };
};

export const toReadLinkInfo = ({ createdBy: _c, ...link }: ReadLinkEntity): ReadLinkInfo => link;

export const createReadLink = async (
  store: Store,
  editionId: string,
  request: ReadLinkRequest,
  actor: Actor,
  now: number,
): Promise<ReadLinkCreated> => {
  const token = newToken();
  const link = {
    id: `rl_${randomBytes(9).toString("base64url")}`,
    editionId,
    kind: request.kind,
    participantId: request.kind === "district" ? request.participantId : null,
    createdAt: now,
    createdBy: actor.id,
  };
  await store.tx(async (s) => {
    if (!(await s.editions.get(editionId))) throw new ApiError("not-found");
    if (link.participantId !== null && !(await s.references.get("participants", editionId, link.participantId)))
      throw new ApiError("not-found");
    await s.readLinks.insert(link, hashToken(token));
    await auditBy(
      s,
      editionId,
      actor,
      now,
    )({
      table: "read_links",
      key: link.id,
      field: "created",
      old: null,
      new: { kind: link.kind, participantId: link.participantId },
      version: null,
    });
  });
  return { link: toReadLinkInfo({ ...link, revokedAt: null }), token };
};

/** Revokes the link; revoking it again is a no-op that answers the link as it is. */
export const revokeReadLink = async (store: Store, editionId: string, id: string, actor: Actor, now: number) =>
  store.tx(async (s) => {
    const link = await s.readLinks.byId(id);
    if (!link || link.editionId !== editionId) throw new ApiError("not-found");
    if (await s.readLinks.revoke(id, now)) {
      await auditBy(
        s,
        editionId,
        actor,
        now,
      )({
        table: "read_links",
        key: id,
        field: "revoked",
        old: false,
        new: true,
        version: null,
      });
    }
    return toReadLinkInfo((await s.readLinks.byId(id)) ?? link);
  });

/** The latest publication as the link's holder may see it. */
export const readPublished = async (store: Store, token: string): Promise<PublishedSnapshot> => {
  const link = await store.readLinks.byTokenHash(hashToken(token));
  if (!link || link.revokedAt !== null) throw new ApiError("read-link-invalid");
  const latest = await store.publications.latest(link.editionId);
  if (!latest) throw new ApiError("not-published");
  const meta = {
    editionId: latest.editionId,
    version: latest.version,
    publishedAt: latest.publishedAt,
    contentHash: latest.contentHash,
  };
  if (link.kind === "observer") return { ...meta, kind: "observer", content: latest.content };
  const district = districtView(latest.content, link.participantId ?? "");
  if (!district) throw new ApiError("not-published");
  return { ...meta, kind: "district", district };
};
