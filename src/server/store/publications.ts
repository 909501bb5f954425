/*
 * Publications and read-only links. Invariants: a publication row is written once and
 * never changed (versions only count up; the newest is the one links show); a link's
 * token is stored only as its sha256, and a revoked link stays listed but no longer
 * resolves.
 */
import type { PublicationContent } from "../../domain/publication.ts";
import type { ReadLinkKind } from "../../protocol/publication-wire.ts";
import { num, numOrNull, parseJson, type Row, type Sql, str } from "./sql.ts";
import type {
  PublicationEntity,
  PublicationReads,
  PublicationWrites,
  ReadLinkEntity,
  ReadLinkReads,
  ReadLinkWrites,
} from "./store-types.ts";

const META_COLUMNS = "edition_id, version, published_at, published_by, content_hash, previous_hash";

const toMeta = (row: Row): Omit<PublicationEntity, "content"> => ({
  editionId: str(row, "edition_id"),
  version: num(row, "version"),
  publishedAt: num(row, "published_at"),
  publishedBy: str(row, "published_by"),
  contentHash: str(row, "content_hash"),
  previousHash: row.previous_hash === null || row.previous_hash === undefined ? null : str(row, "previous_hash"),
});

const toPublication = (row: Row): PublicationEntity => ({
  ...toMeta(row),
  content: parseJson(row.content) as PublicationContent,
});

export const createPublications = ({ one, all, run }: Sql): PublicationReads & PublicationWrites => ({
  async latest(editionId) {
    const row = await one("SELECT * FROM publications WHERE edition_id = ? ORDER BY version DESC LIMIT 1", editionId);
    return row ? toPublication(row) : undefined;
  },
  async get(editionId, version) {
    const row = await one("SELECT * FROM publications WHERE edition_id = ? AND version = ?", editionId, version);
    return row ? toPublication(row) : undefined;
  },
  async list(editionId) {
    return (
      await all(`SELECT ${META_COLUMNS} FROM publications WHERE edition_id = ? ORDER BY version DESC`, editionId)
    ).map(toMeta);
  },
  async insert(p, contentJson) {
    await run(
      `INSERT INTO publications (edition_id, version, published_at, published_by, content_hash, previous_hash, content)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      p.editionId,
      p.version,
      p.publishedAt,
      p.publishedBy,
      p.contentHash,
      p.previousHash,
      contentJson,
    );
  },
});

const toLink = (row: Row): ReadLinkEntity => ({
  id: str(row, "id"),
  editionId: str(row, "edition_id"),
  kind: str(row, "kind") as ReadLinkKind,
  participantId: row.participant_id === null || row.participant_id === undefined ? null : str(row, "participant_id"),
  createdAt: num(row, "created_at"),
  createdBy: str(row, "created_by"),
  revokedAt: numOrNull(row, "revoked_at"),
});

export const createReadLinks = ({ one, all, run }: Sql): ReadLinkReads & ReadLinkWrites => ({
  async byTokenHash(tokenHash) {
    const row = await one("SELECT * FROM read_links WHERE token_hash = ?", tokenHash);
    return row ? toLink(row) : undefined;
  },
  async byId(id) {
    const row = await one("SELECT * FROM read_links WHERE id = ?", id);
    return row ? toLink(row) : undefined;
  },
  async list(editionId) {
    return (await all("SELECT * FROM read_links WHERE edition_id = ? ORDER BY created_at, id", editionId)).map(toLink);
  },
  async insert(link, tokenHash) {
    await run(
      `INSERT INTO read_links (id, token_hash, edition_id, kind, participant_id, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      link.id,
      tokenHash,
      link.editionId,
      link.kind,
      link.participantId,
      link.createdAt,
      link.createdBy,
    );
  },
  async revoke(id, now) {
    return (
      (await run("UPDATE read_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)).changes === 1
    );
  },
});
