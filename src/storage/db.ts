/*
 * The IndexedDB layout, every version of it, in this one file.
 *
 * Invariants: a version, once shipped, is never edited — a change is a new
 * version with an upgrade function, because tablets in the field still hold
 * data written under every earlier layout. Each outbox row is the Mutation that
 * produced the current record state, keyed by its per-device seq, so outbox
 * order is the order the changes were made.
 */
import Dexie, { type EntityTable } from "dexie";
import { DEFAULT_DB_NAME } from "./meta-keys.ts";
import type { Mutation, MutationTable } from "../protocol/mutation.ts";
import type {
  Edition,
  Member,
  NominationRecord,
  Participant,
  Rubric,
  ScoreRecord,
  SheetRecord,
  Stamp,
} from "../domain/types.ts";

export type { NominationRecord, ScoreRecord, SheetRecord };
export { DEFAULT_DB_NAME, META_KEYS } from "./meta-keys.ts";

/** Reference data is stored exactly as the domain defines it; the aliases name them as persisted rows. */
export type EditionRecord = Edition;
export type RubricRecord = Rubric;
export type ParticipantRecord = Participant;
export type MemberRecord = Member;

export type OutboxStatus = "pending" | "acknowledged" | "rejected" | "conflict";

export type OutboxRecord = {
  /** The mutation's per-device seq: primary key and push order. */
  seq: number;
  mutationId: string;
  /** Copied out of `mutation` so the outbox can be queried per member and per record. */
  editionId: string;
  memberId: string;
  table: MutationTable;
  key: string;
  status: OutboxStatus;
  mutation: Mutation;
  createdAt: number;
  handledAt?: number;
  /** Server's version after applying, or its reason for refusing. */
  serverVersion?: number;
  reason?: string;
};

/** overwritten: another device's value replaced mine; replaced: mine replaced another device's. */
export type NoticeKind = "overwritten" | "replaced" | "rejected" | "conflict";

/** Something the panelist should be told about: "Tablet B changed C→B at 14:02". */
export type NoticeRecord = {
  id?: number;
  kind: NoticeKind;
  editionId: string;
  memberId: string;
  participantId: string;
  table: MutationTable;
  recordKey: string;
  /** The stamp-field that changed ("grade", "note", "strengths", …); null when the whole mutation was refused. */
  field: string | null;
  previous: unknown;
  current: unknown;
  /** Device whose write won, from its stamp; null when unknown. */
  byDeviceId: string | null;
  /** Wall time embedded in the winning stamp (ms); null when unknown. */
  changedAt: number | null;
  winningStamp: Stamp | null;
  mutationId: string | null;
  reason: string | null;
  /** A refused change: the server's reason code (wire RejectReason), for words the panelist can act on. */
  reasonCode?: string | null;
  /** A refused change: which indicator (scores) or award category (nominations) it was for. */
  subjectId?: string | null;
  /** A refused change: when it was typed on this tablet (ms). */
  typedAt?: number | null;
  createdAt: number;
  /** 0 or 1: IndexedDB cannot index booleans. */
  seen: 0 | 1;
};

export type MetaRecord = { key: string; value: unknown };

/**
 * v1 — the first layout: reference tables by id, member data by record key with a
 * per-member index, outbox rows holding only { seq, mutationId, status, mutation, createdAt }.
 */
export const SCHEMA_V1 = {
  editions: "id",
  rubrics: "id, editionId",
  participants: "id, editionId",
  members: "id, editionId",
  scores: "key, [editionId+memberId]",
  sheets: "key, [editionId+memberId]",
  nominations: "key, [editionId+memberId]",
  outbox: "seq, &mutationId, status",
  meta: "key",
} as const;

/**
 * v2 — the coordinator's per-district view needs [editionId+participantId]; the
 * outbox gains denormalised editionId/memberId/table/key (filled from each row's
 * mutation) so export and rebase need not scan, and [status+seq] so pushing reads
 * pending rows in order; the notices table is new.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  scores: "key, [editionId+memberId], [editionId+participantId]",
  sheets: "key, [editionId+memberId], [editionId+participantId]",
  nominations: "key, [editionId+memberId], [editionId+participantId]",
  outbox: "seq, &mutationId, [status+seq], [editionId+memberId], key",
  notices: "++id, [editionId+memberId], recordKey",
} as const;

export const CURRENT_VERSION = 2;

type OutboxRowV1 = Pick<OutboxRecord, "seq" | "mutationId" | "status" | "mutation" | "createdAt">;

export class PanelisDb extends Dexie {
  declare editions: EntityTable<EditionRecord, "id">;
  declare rubrics: EntityTable<RubricRecord, "id">;
  declare participants: EntityTable<ParticipantRecord, "id">;
  declare members: EntityTable<MemberRecord, "id">;
  declare scores: EntityTable<ScoreRecord, "key">;
  declare sheets: EntityTable<SheetRecord, "key">;
  declare nominations: EntityTable<NominationRecord, "key">;
  declare outbox: EntityTable<OutboxRecord, "seq">;
  declare notices: EntityTable<NoticeRecord, "id">;
  declare meta: EntityTable<MetaRecord, "key">;

  constructor(name: string = DEFAULT_DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade((tx) =>
        tx
          .table<OutboxRowV1 & Partial<OutboxRecord>, number>("outbox")
          .toCollection()
          .modify((row) => {
            const { mutation } = row;
            row.editionId = mutation.identity.editionId;
            row.memberId = mutation.identity.memberId;
            row.table = mutation.table;
            row.key = mutation.key;
          }),
      );
  }
}
