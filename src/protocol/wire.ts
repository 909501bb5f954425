/*
 * Every request and response that crosses the wire between the sync worker (or the
 * coordinator screens) and the server, as types and as valibot schemas, in one place.
 * Invariants: the server validates every request body against these before acting;
 * the worker may validate replies against them; a change here that an older client
 * cannot read needs a new PROTOCOL_VERSION (the server accepts the current and the
 * previous one).
 */
import * as v from "valibot";
import {
  DeviceIdSchema,
  EditionSchema,
  MemberSchema,
  MutationSchema,
  NominationRecordSchema,
  ParticipantSchema,
  RubricSchema,
  ScoreRecordSchema,
  SheetRecordSchema,
} from "../domain/schemas.ts";
import type {
  Edition,
  EditionState,
  LocalText,
  Member,
  NominationRecord,
  Participant,
  Rubric,
  ScoreRecord,
  SheetRecord,
} from "../domain/types.ts";
import type { EditionBundle } from "../domain/templates/index.ts";
import { MAX_DEVICE_NAME } from "../domain/device-name.ts";
import type { RefusalReason } from "../domain/refusal-reasons.ts";
import { type Mutation, PROTOCOL_VERSION } from "./mutation.ts";

export { MutationSchema };

/** Versions the server still answers: the current one and the one before it. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [PROTOCOL_VERSION - 1, PROTOCOL_VERSION].filter(
  (n) => n >= 1,
);

/** Limits the server enforces; the worker splits its outbox to stay under them. */
export const MAX_PUSH_BYTES = 1024 * 1024;
export const MAX_PUSH_MUTATIONS = 500;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PULL_LIMIT = 2000;

export const API_PREFIX = "/api/v1";

// Tables

export type RecordTable = "scores" | "sheets" | "nominations";
export type ReferenceTable = "rubrics" | "participants" | "members";
export type SyncTable = "editions" | ReferenceTable | RecordTable;

export const SYNC_TABLES = [
  "editions",
  "rubrics",
  "participants",
  "members",
  "scores",
  "sheets",
  "nominations",
] as const satisfies readonly SyncTable[];

export type { EditionBundle };

/** The part of an edition every device needs before it can score: no score, sheet or nomination. */
export type EditionReference = Pick<EditionBundle, "edition" | "rubric" | "participants" | "members">;

/** What a coordinator imports: the reference part, optionally with records (e.g. the sample data). */
export type EditionImport = EditionReference & Partial<Pick<EditionBundle, "scores" | "sheets" | "nominations">>;

export const MAX_IMPORT_RECORDS = 100_000;

/**
 * An edit of an existing edition names the edition version it was made on
 * (`baseVersion`, top level of the body). If someone changed the edition since,
 * the server answers 409 `edition-stale` with `details.currentVersion` and changes nothing.
 */
export type EditionImportRequest = EditionImport & { baseVersion?: number };

export const EditionImportSchema = v.object({
  edition: EditionSchema,
  rubric: RubricSchema,
  participants: v.pipe(v.array(ParticipantSchema), v.maxLength(1000)),
  members: v.pipe(v.array(MemberSchema), v.maxLength(500)),
  scores: v.optional(v.pipe(v.array(ScoreRecordSchema), v.maxLength(MAX_IMPORT_RECORDS))),
  sheets: v.optional(v.pipe(v.array(SheetRecordSchema), v.maxLength(MAX_IMPORT_RECORDS))),
  nominations: v.optional(v.pipe(v.array(NominationRecordSchema), v.maxLength(MAX_IMPORT_RECORDS))),
});

// Push

/** How many changes wait in the tablet's outbox; optional so older tablets keep working. */
export const PendingCountSchema = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000));

export type PushRequest = { protocolVersion: number; deviceId: string; mutations: Mutation[]; pending?: number };

/** Validates the envelope only; mutations are validated one by one so an error can name its index. */
export const PushEnvelopeSchema = v.object({
  protocolVersion: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  deviceId: DeviceIdSchema,
  mutations: v.array(v.unknown()),
  pending: v.optional(PendingCountSchema),
});

export const PushRequestSchema = v.object({
  protocolVersion: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  deviceId: DeviceIdSchema,
  mutations: v.pipe(v.array(MutationSchema), v.maxLength(MAX_PUSH_MUTATIONS)),
  pending: v.optional(PendingCountSchema),
});

/**
 * applied: the change is stored (some or all fields won).
 * conflict: stored nothing new because a later write already holds every changed field; `serverRecord` is the winner.
 * rejected: not allowed or not valid against the server's state; `reason` says why, `serverRecord` is the server copy.
 * duplicate: this mutation id was handled before; nothing was done again. `originalStatus` says how it went then.
 * In every case the mutation is handled: drop it from the outbox.
 */
export type PushStatus = "applied" | "duplicate" | "rejected" | "conflict";

export type RejectReason = RefusalReason;

export type SyncRecord = ScoreRecord | SheetRecord | NominationRecord;

export type PushResult = {
  mutationId: string;
  status: PushStatus;
  /** Server version of the record after this mutation was handled. */
  version?: number;
  /** Plain words, in the request's language. */
  reason?: string;
  reasonCode?: RejectReason;
  /**
   * The server's copy after handling (null when the server has none or it is not the
   * device member's). Absent from a first "applied" result whose every field won with the
   * device's own, uncapped stamp: the device already holds that, and the pull after the
   * push brings the record back whole.
   */
  serverRecord?: SyncRecord | null;
  /** The score was kept but its indicator or level no longer exists in the current rubric. */
  needsReview?: boolean;
  originalStatus?: Exclude<PushStatus, "duplicate">;
  /** Values written by another device that this change replaced: the device that won says so too. */
  replaced?: ReplacedValue[];
};

export type ReplacedValue = {
  field: string;
  /** As the panelist sees it: for "grade", `{ level, points }`. */
  previous: unknown;
  byDeviceId: string | null;
  /** Wall time in the replaced value's stamp (ms). */
  at: number | null;
};

export type PushResponse = {
  results: PushResult[];
  /** Server wall clock (ms since epoch): lets the device notice its own clock is off. */
  serverTime: number;
  /** Highest seq the server has handled from this device. */
  lastSeq: number;
};

const SyncRecordSchema = v.union([ScoreRecordSchema, SheetRecordSchema, NominationRecordSchema]);

export const PushResponseSchema = v.object({
  results: v.array(
    v.object({
      mutationId: v.string(),
      status: v.picklist(["applied", "duplicate", "rejected", "conflict"] as const),
      version: v.optional(v.number()),
      reason: v.optional(v.string()),
      reasonCode: v.optional(v.string()),
      serverRecord: v.optional(v.nullable(SyncRecordSchema)),
      needsReview: v.optional(v.boolean()),
      originalStatus: v.optional(v.picklist(["applied", "rejected", "conflict"] as const)),
      replaced: v.optional(
        v.array(
          v.object({
            field: v.string(),
            previous: v.unknown(),
            byDeviceId: v.nullable(v.string()),
            at: v.nullable(v.number()),
          }),
        ),
      ),
    }),
  ),
  serverTime: v.number(),
  lastSeq: v.number(),
});

// Pull

type Row<T extends SyncTable, R> = { table: T; key: string; version: number; record: R | null };

/** `record: null` is a deletion marker: drop the local copy. */
export type PullRow =
  | Row<"editions", Edition>
  | Row<"rubrics", Rubric>
  | Row<"participants", Participant>
  | Row<"members", Member>
  | (Row<"scores", ScoreRecord> & { needsReview?: boolean })
  | Row<"sheets", SheetRecord>
  | Row<"nominations", NominationRecord>;

export type PullResponse = {
  rows: PullRow[];
  /** Pass back as `since` next time: the highest version in `rows` (or `since` when empty). */
  cursor: number;
  /** True when rows were left out because of `limit`: pull again straight away. */
  more: boolean;
  serverTime: number;
};

export const PullQuerySchema = v.object({
  edition: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(200))),
  since: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), "0"),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,6}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_PULL_LIMIT)),
    String(DEFAULT_PULL_LIMIT),
  ),
  /** The tablet's outbox count after its push; absent from older tablets. */
  pending: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number))),
});

const rowSchema = <T extends SyncTable, S extends v.GenericSchema>(table: T, record: S) =>
  v.object({ table: v.literal(table), key: v.string(), version: v.number(), record: v.nullable(record) });

export const PullResponseSchema = v.object({
  rows: v.array(
    v.variant("table", [
      rowSchema("editions", EditionSchema),
      rowSchema("rubrics", RubricSchema),
      rowSchema("participants", ParticipantSchema),
      rowSchema("members", MemberSchema),
      v.object({
        table: v.literal("scores"),
        key: v.string(),
        version: v.number(),
        record: v.nullable(ScoreRecordSchema),
        needsReview: v.optional(v.boolean()),
      }),
      rowSchema("sheets", SheetRecordSchema),
      rowSchema("nominations", NominationRecordSchema),
    ]),
  ),
  cursor: v.number(),
  more: v.boolean(),
  serverTime: v.number(),
});

// Enrolment and coordinator auth

/** Join codes look like "K7P-42Q": no 0/O, 1/I/L, so they survive being read aloud or copied off a screen. */
export const JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_RE = /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/;

/** Accepts "k7p42q", "K7P 42Q", "k7p-42q": what people type. */
export const normaliseJoinCode = (input: string): string => {
  const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return compact.length === 6 ? `${compact.slice(0, 3)}-${compact.slice(3)}` : compact;
};

/**
 * `deviceId` is the tablet's own id. A device id the server already knows is enrolled again
 * only with `deviceToken`, the token that device was given (revoked or not): a device id is
 * never a credential, so without its token the server answers 409 `device-id-taken`.
 */
export type EnrolRequest = { code: string; deviceId: string; deviceName?: string; deviceToken?: string };

export const BEARER_TOKEN_RE = /^[A-Za-z0-9_-]{16,128}$/;

export const EnrolRequestSchema = v.object({
  code: v.pipe(v.string(), v.maxLength(32), v.transform(normaliseJoinCode), v.regex(JOIN_CODE_RE)),
  deviceId: DeviceIdSchema,
  /** Optional: without it the server names the tablet after its member ("Tablet Bu Baiq"). */
  deviceName: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(MAX_DEVICE_NAME), v.regex(/^[^\p{Cc}]*$/u, "no control characters")),
  ),
  deviceToken: v.optional(v.pipe(v.string(), v.regex(BEARER_TOKEN_RE))),
});

export type EnrolResponse = {
  /** Bearer token for this device; shown once, stored hashed on the server. */
  token: string;
  deviceId: string;
  editionId: string;
  member: Member;
};

export type SetupRequest = { setupToken: string; name: string; password: string };

export const PASSWORD_MIN = 8;

export const SetupRequestSchema = v.object({
  setupToken: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
  name: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(100)),
  password: v.pipe(v.string(), v.minLength(PASSWORD_MIN), v.maxLength(200)),
});

export type LoginRequest = { name: string; password: string };

export const LoginRequestSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.nonEmpty(), v.maxLength(100)),
  password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
});

export type CoordinatorInfo = { id: string; name: string };

export type LoginResponse = { token: string; expiresAt: number; coordinator: CoordinatorInfo };

// Coordinator routes

export type EditionSummary = {
  id: string;
  title: LocalText;
  year: number;
  provinceCode: string;
  provinceName: string;
  isSample: boolean;
  version: number;
  /** Draft, open, closed or published: the coordinator's list says it on each card. */
  state: EditionState;
};

export type EditionListResponse = { editions: EditionSummary[] };

export type EditionBundleResponse = EditionReference & { version: number };

export type EditionImportResponse = EditionBundleResponse & {
  created: boolean;
  /** Imported records that changed the server's copy (merged field by field, never blindly replaced). */
  recordsApplied: number;
};

export type JoinCodeResponse = {
  code: string;
  /** Relative: the app's router takes `#/join/<code>`. */
  joinUrl: string;
  editionId: string;
  memberId: string;
  expiresAt: number;
  maxUses: number;
};

/** GET /editions/:id/join-codes: the codes that can still enrol a tablet, at most one per member (see enrolment.ts). */
export type JoinCodeListResponse = { codes: JoinCodeResponse[] };

export type DeviceInfo = {
  id: string;
  name: string;
  editionId: string;
  memberId: string;
  createdAt: number;
  revokedAt: number | null;
  lastSeq: number;
  lastSeenAt: number | null;
  /** Changes waiting in the tablet's outbox as it last reported (absent: never reported, an older tablet). */
  pendingCount?: number;
  /** When it reported that count. */
  pendingAt?: number;
};

export type DeviceListResponse = { devices: DeviceInfo[] };

export type EditionDataResponse = {
  editionId: string;
  version: number;
  scores: ScoreRecord[];
  sheets: SheetRecord[];
  nominations: NominationRecord[];
  /** Keys of scores kept against a rubric that has since changed under them. */
  needsReview: string[];
};

export type AuditEntryInfo = {
  id: number;
  at: number;
  actorKind: "device" | "coordinator" | "system";
  actorId: string;
  deviceId: string | null;
  table: string;
  key: string;
  field: string;
  old: unknown;
  new: unknown;
  mutationId: string | null;
  version: number | null;
  /** Present only on an entry recording a change the server refused; `new` then holds its changes. */
  refusedReason?: RejectReason;
};

export type AuditResponse = { entries: AuditEntryInfo[]; cursor: number; more: boolean };

export type ReopenResponse = { record: SheetRecord; version: number };

// Errors

export type ErrorCode =
  | "bad-request"
  | "invalid-body"
  | "protocol-unsupported"
  | "unauthorized"
  | "device-revoked"
  | "invalid-credentials"
  | "forbidden"
  | "not-found"
  | "join-code-invalid"
  | "device-id-taken"
  | "setup-closed"
  | "mutation-id-reused"
  | "edition-stale"
  | "edition-not-open"
  | "transition-refused"
  | "edition-exists"
  | "reason-required"
  | "backup-invalid"
  | "rescue-file-invalid"
  | "edition-not-closed"
  | "read-link-invalid"
  | "not-published"
  | "device-mismatch"
  | "payload-too-large"
  | "batch-too-large"
  | "unsupported-media-type"
  | "rate-limited"
  | "internal";

/**
 * Why a device's token stopped working: 401 `device-revoked` carries it as `details.reason`.
 * revoked: by the coordinator (or the admin CLI); member-removed: its panel member was removed
 * from the edition; assignment-removed: its member was left with no assignment at all.
 */
export type RevokeReason = "revoked" | "member-removed" | "assignment-removed";

/** Every non-2xx answer has this shape; `message` is plain words in the request's language. */
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export const ErrorBodySchema = v.object({
  error: v.object({ code: v.string(), message: v.string(), details: v.optional(v.unknown()) }),
});
