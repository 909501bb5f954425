/*
 * The server's store, declared: what every engine (SQLite: store.ts, PostgreSQL:
 * pg-store.ts) implements. Invariants every implementation keeps:
 * - Every write happens inside `store.tx(fn)`; `fn` gets a `TxStore` and must use only
 *   it until its promise settles. The transaction commits when `fn` resolves and rolls
 *   back when it rejects; two transactions never interleave (SQLite: one writer;
 *   PostgreSQL: every transaction first locks the version counter's row).
 * - Every write that changes a synced row (edition, reference rows, scores, sheets,
 *   nominations, deletion markers) takes a fresh value of the one server-wide version
 *   counter, so versions are unique per row and `version > since` paging never skips
 *   a committed row.
 * - The reads on `Store` (outside a transaction) each see one committed state, never
 *   another request's uncommitted writes.
 */
import type {
  Edition,
  Member,
  NominationRecord,
  Participant,
  Rubric,
  ScoreRecord,
  SheetRecord,
} from "../../domain/types.ts";
import type {
  AuditEntryInfo,
  EditionReference,
  RecordTable,
  ReferenceTable,
  RevokeReason,
  SyncTable,
} from "../../protocol/wire.ts";
import type { PublicationContent } from "../../domain/publication.ts";
import type { ReadLinkKind } from "../../protocol/publication-wire.ts";
import type { Engine, Row } from "./sql.ts";

export type RecordByTable = { scores: ScoreRecord; sheets: SheetRecord; nominations: NominationRecord };

export type StoredRecord<T extends RecordTable> = {
  record: RecordByTable[T];
  version: number;
  needsReview: boolean;
};

/** The reference tables keyed by (edition, id) whose rows are whole domain objects. */
export type PeopleTable = "participants" | "members";
export type PeopleRow = { participants: Participant; members: Member };

export type DeviceEntity = {
  id: string;
  editionId: string;
  memberId: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  revokedReason: RevokeReason | null;
  lastSeq: number;
  lastSeenAt: number | null;
  /** The outbox count the tablet last reported, and when; null until it reports one. */
  pendingCount: number | null;
  pendingAt: number | null;
};

export type JoinCodeEntity = {
  code: string;
  editionId: string;
  memberId: string;
  createdAt: number;
  expiresAt: number;
  maxUses: number;
  uses: number;
  revokedAt: number | null;
};

export type CoordinatorEntity = { id: string; name: string; passwordHash: string; createdAt: number };

/** What the audit route shows, plus the edition it belongs to. */
export type AuditEntry = AuditEntryInfo & { editionId: string };

export type NewAuditEntry = Omit<AuditEntry, "id">;

export type SeenMutation = { mutationId: string; deviceId: string; payloadHash: string; resultJson: string };

/** One row of the pull feed as stored; `json` is null for a deletion marker. */
export type FeedRow = { table: SyncTable; key: string; version: number; json: string | null; needsReview: boolean };

export type VersionedEdition = { edition: Edition; version: number };

export type EditionReads = {
  get(id: string): Promise<VersionedEdition | undefined>;
  list(): Promise<VersionedEdition[]>;
  count(): Promise<number>;
  /** The edition's current rubric (highest version). */
  getRubric(editionId: string): Promise<{ rubric: Rubric; version: number } | undefined>;
  /** The rubric as it was at `rubricVersion` (every version the edition has had is kept). */
  getRubricVersion(editionId: string, rubricVersion: number): Promise<Rubric | undefined>;
  /** Edition, rubric, participants and members, with the highest version among them. */
  bundle(editionId: string): Promise<{ bundle: EditionReference; version: number } | undefined>;
};

export type EditionWrites = {
  put(edition: Edition, now: number): Promise<number>;
  putRubric(rubric: Rubric): Promise<number>;
};

export type ReferenceReads = {
  list<T extends PeopleTable>(table: T, editionId: string): Promise<Array<PeopleRow[T]>>;
  get<T extends PeopleTable>(table: T, editionId: string, id: string): Promise<PeopleRow[T] | undefined>;
};

export type ReferenceWrites = {
  /** Writes the row only when its content changed (re-importing is silent); the new version, or null. */
  put<T extends PeopleTable>(table: T, row: PeopleRow[T]): Promise<number | null>;
  /** Removes the row and leaves a deletion marker; the marker's version. */
  delete(table: ReferenceTable, editionId: string, id: string): Promise<number>;
};

export type RecordReads = {
  get<T extends RecordTable>(table: T, key: string): Promise<StoredRecord<T> | undefined>;
  /** Keys not found are absent from the map. */
  getMany<T extends RecordTable>(table: T, keys: readonly string[]): Promise<Map<string, StoredRecord<T>>>;
  list<T extends RecordTable>(table: T, editionId: string): Promise<Array<StoredRecord<T>>>;
  count(): Promise<number>;
};

/** A record to store under a version the caller already took (`TxStore.nextVersion`). */
export type VersionedPut<T extends RecordTable> = {
  record: RecordByTable[T];
  version: number;
  needsReview: boolean;
  /** The row was there before this transaction's first write to it: no deletion marker can be pending. */
  existed: boolean;
};

export type RecordWrites = {
  /**
   * Stores the record under a fresh version and returns it. `existed`: the caller knows the
   * row is already there, so no deletion marker can be pending for it.
   */
  put<T extends RecordTable>(
    table: T,
    record: RecordByTable[T],
    needsReview?: boolean,
    existed?: boolean,
  ): Promise<number>;
  /**
   * Stores records under the versions they carry, in a few multi-row statements. No two
   * puts may share a key: a caller that wrote one key twice passes only its last state.
   */
  putMany<T extends RecordTable>(table: T, puts: readonly VersionedPut<T>[]): Promise<void>;
};

export type FeedReads = {
  /**
   * Rows with version > since, in version order, across every synced table. `memberId` null =
   * everything in the edition (coordinator); otherwise only that member's own records
   * besides the edition's reference rows.
   */
  page(editionId: string, since: number, limit: number, memberId: string | null): Promise<FeedRow[]>;
};

export type CoordinatorReads = {
  count(): Promise<number>;
  byName(name: string): Promise<CoordinatorEntity | undefined>;
  byId(id: string): Promise<CoordinatorEntity | undefined>;
};

export type CoordinatorWrites = {
  insert(c: CoordinatorEntity): Promise<void>;
  setPassword(id: string, passwordHash: string): Promise<void>;
};

export type SessionReads = {
  coordinatorFor(tokenHash: string, now: number): Promise<CoordinatorEntity | undefined>;
};

export type SessionWrites = {
  insert(tokenHash: string, coordinatorId: string, now: number, expiresAt: number): Promise<void>;
  revoke(tokenHash: string, now: number): Promise<void>;
};

export type SetupTokenReads = {
  /** Whether `tokenHash` is the current unused, unexpired setup token. */
  isValid(tokenHash: string, now: number): Promise<boolean>;
  /** Whether any unused, unexpired setup token exists. */
  pending(now: number): Promise<boolean>;
};

export type SetupTokenWrites = {
  /** Only the newest unused token is valid: issuing a new one retires the old. */
  replace(tokenHash: string, now: number, expiresAt: number): Promise<void>;
  /** Marks the token used; false when unknown, used or expired. */
  consume(tokenHash: string, now: number): Promise<boolean>;
};

export type DeviceReads = {
  byTokenHash(tokenHash: string): Promise<DeviceEntity | undefined>;
  byId(id: string): Promise<DeviceEntity | undefined>;
  list(editionId?: string): Promise<DeviceEntity[]>;
};

export type DeviceWrites = {
  /** One token per device: enrolling again replaces the token (and un-revokes), keeping last_seq. */
  upsert(
    d: Omit<DeviceEntity, "revokedAt" | "revokedReason" | "lastSeq" | "lastSeenAt" | "pendingCount" | "pendingAt">,
    tokenHash: string,
  ): Promise<void>;
  /** Revokes an active device; false when unknown or already revoked. */
  revoke(id: string, now: number, reason: RevokeReason): Promise<boolean>;
  /** Revokes every active device of a member; the ids revoked. */
  revokeMember(editionId: string, memberId: string, now: number, reason: RevokeReason): Promise<string[]>;
  recordSeq(id: string, seq: number, now: number): Promise<void>;
  touch(id: string, now: number): Promise<void>;
  /** Stores the outbox count the tablet reported at `now` (also its last contact). */
  reportPending(id: string, pending: number, now: number): Promise<void>;
};

export type JoinCodeReads = {
  get(code: string): Promise<JoinCodeEntity | undefined>;
  /** Unused, unexpired, unrevoked codes, by edition then member; of one edition when `editionId` is given. */
  active(now: number, editionId?: string): Promise<JoinCodeEntity[]>;
};

export type JoinCodeWrites = {
  /** Issuing a code retires the member's earlier unused codes, so only the latest printed code works. */
  issue(c: Omit<JoinCodeEntity, "uses" | "revokedAt">, now: number): Promise<void>;
  use(code: string): Promise<void>;
};

export type SeenReads = {
  get(mutationId: string): Promise<SeenMutation | undefined>;
  /** The ones of `mutationIds` already handled, by id. */
  getMany(mutationIds: readonly string[]): Promise<Map<string, SeenMutation>>;
  count(): Promise<number>;
};

export type SeenWrites = {
  insert(s: SeenMutation, now: number): Promise<void>;
  /** The rows in a few multi-row statements (a whole push). */
  insertMany(rows: readonly SeenMutation[], now: number): Promise<void>;
};

export type AuditReads = {
  list(editionId: string, afterId: number, limit: number): Promise<AuditEntry[]>;
  /** How many refused changes each device of the edition has had recorded. */
  refusedCounts(editionId: string): Promise<Map<string, number>>;
  count(): Promise<number>;
};

export type AuditWrites = {
  append(e: NewAuditEntry): Promise<void>;
  /** The entries in a few multi-row statements, ids in the order given (a whole push). */
  appendMany(entries: readonly NewAuditEntry[]): Promise<void>;
};

/** One stored publication; `publishedBy` is the coordinator's id, `publishedAt` epoch ms. */
export type PublicationEntity = {
  editionId: string;
  version: number;
  publishedAt: number;
  publishedBy: string;
  contentHash: string;
  previousHash: string | null;
  content: PublicationContent;
};

export type PublicationReads = {
  latest(editionId: string): Promise<PublicationEntity | undefined>;
  get(editionId: string, version: number): Promise<PublicationEntity | undefined>;
  /** Newest first, without content. */
  list(editionId: string): Promise<Array<Omit<PublicationEntity, "content">>>;
};

export type PublicationWrites = {
  /** `contentJson` is the canonical JSON the hash was taken of. */
  insert(p: Omit<PublicationEntity, "content">, contentJson: string): Promise<void>;
};

export type ReadLinkEntity = {
  id: string;
  editionId: string;
  kind: ReadLinkKind;
  participantId: string | null;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
};

export type ReadLinkReads = {
  byTokenHash(tokenHash: string): Promise<ReadLinkEntity | undefined>;
  byId(id: string): Promise<ReadLinkEntity | undefined>;
  list(editionId: string): Promise<ReadLinkEntity[]>;
};

export type ReadLinkWrites = {
  insert(link: Omit<ReadLinkEntity, "revokedAt">, tokenHash: string): Promise<void>;
  /** False when unknown or already revoked. */
  revoke(id: string, now: number): Promise<boolean>;
};

/** Everything that may be read outside a transaction. */
export type StoreReads = {
  editions: EditionReads;
  references: ReferenceReads;
  records: RecordReads;
  feed: FeedReads;
  coordinators: CoordinatorReads;
  sessions: SessionReads;
  setupTokens: SetupTokenReads;
  devices: DeviceReads;
  joinCodes: JoinCodeReads;
  seen: SeenReads;
  audit: AuditReads;
  publications: PublicationReads;
  readLinks: ReadLinkReads;
  /** The version counter's committed value. */
  currentVersion(): Promise<number>;
};

/** The store as one transaction sees it: every read and every write. */
export type TxStore = {
  editions: EditionReads & EditionWrites;
  references: ReferenceReads & ReferenceWrites;
  records: RecordReads & RecordWrites;
  feed: FeedReads;
  coordinators: CoordinatorReads & CoordinatorWrites;
  sessions: SessionReads & SessionWrites;
  setupTokens: SetupTokenReads & SetupTokenWrites;
  devices: DeviceReads & DeviceWrites;
  joinCodes: JoinCodeReads & JoinCodeWrites;
  seen: SeenReads & SeenWrites;
  audit: AuditReads & AuditWrites;
  publications: PublicationReads & PublicationWrites;
  readLinks: ReadLinkReads & ReadLinkWrites;
  /** The next value of the version counter; only inside a transaction. */
  nextVersion(): Promise<number>;
  /** The counter as this transaction sees it (including values it has taken). */
  currentVersion(): Promise<number>;
  /**
   * Runs `fn` with versions handed out without a round trip per row and the counter
   * written once at the end; the counter ends at or above every version handed out.
   */
  batchVersions<T>(fn: () => Promise<T>): Promise<T>;
};

export type StoreHealth = { engine: Engine; schemaVersion: number; latestSchemaVersion: number };

export type Store = StoreReads & {
  engine: Engine;
  /** Runs `fn` in one transaction (exclusive against every other writer); commits when it resolves. */
  tx<T>(fn: (s: TxStore) => Promise<T>): Promise<T>;
  /** Row counts of every table and the counter, for tests that prove a refused request changed nothing. */
  counts(): Promise<Record<string, number>>;
  /** The database answers; its schema version. Rejects when it is unreachable. */
  health(): Promise<StoreHealth>;
  /** Raw SQL in the core's portable dialect (`?` placeholders), outside a transaction: tests and admin tools only. */
  exec(text: string, ...params: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
};
