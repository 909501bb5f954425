/*
 * What one audit entry is about and what its old and new values are, in a form a
 * coordinator can read: the screen (Jejak) words it from the catalogue. The log itself
 * keeps the raw values (JSON) untouched — this only decides how to show them.
 *
 * - A field the app knows gets a catalogue key (`AUDIT_FIELDS`); anything else (an
 *   entry written by a newer server) is shown as "table · field", as it came.
 * - A score's and a nomination's entry also name what in the record changed: the
 *   indicator or the award category, read from the key by `keyDetail` (audit-filter.ts).
 * - A value is none, a grade (letter or points), a yes/no, a text or number, or a
 *   whole record (reference data, a schedule): a record is named where it has a name
 *   and its JSON is kept for whoever opens it, never laid out in full in a table cell.
 */
import type { LocalText } from "./types.ts";

/** Every table · field pair the server writes to the audit log. */
export const AUDIT_FIELDS = [
  "scores.grade",
  "scores.note",
  "sheets.finalised",
  "sheets.strengths",
  "sheets.recommendations",
  "sheets.recused",
  "sheets.recusalReason",
  "sheets.reopenReason",
  "nominations.nominated",
  "nominations.reason",
  "editions.record",
  "editions.state",
  "editions.schedule",
  "editions.currentParticipantId",
  "editions.restored",
  "rubrics.record",
  "participants.record",
  "members.record",
  "devices.enrolled",
  "devices.revoked",
  "devices.rescue-import",
  "publications.published",
  "read_links.created",
  "read_links.revoked",
] as const;

export type AuditField = (typeof AUDIT_FIELDS)[number];

const KNOWN = new Set<string>(AUDIT_FIELDS);

export const auditField = (table: string, field: string): AuditField | null => {
  const pair = `${table}.${field}`;
  return KNOWN.has(pair) ? (pair as AuditField) : null;
};

/** The ids the server writes as the `system` actor: the first-run seed, the admin shell, the move to PostgreSQL. */
export const SYSTEM_ACTORS = { seed: "seed", adminCli: "admin-cli", migrateToPostgres: "migrate-to-postgres" } as const;

export type SystemActor = (typeof SYSTEM_ACTORS)[keyof typeof SYSTEM_ACTORS];

const SYSTEM_ACTOR_IDS = new Set<string>(Object.values(SYSTEM_ACTORS));

export const isSystemActor = (id: string): id is SystemActor => SYSTEM_ACTOR_IDS.has(id);

export type AuditShown =
  | { kind: "none" }
  | { kind: "grade"; level: string | null; points: number | null }
  | { kind: "flag"; value: boolean }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "data"; name: LocalText | null; json: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const localText = (value: unknown): LocalText | null =>
  typeof value === "string"
    ? { id: value }
    : isObject(value) && typeof value.id === "string"
      ? { id: value.id, ...(typeof value.en === "string" ? { en: value.en } : {}) }
      : null;

/**
 * A record's own name, where it has one: a district or member `name`, an edition `title`, a rubric `name` — in
 * both languages where the record has both, for the screen to pick.
 */
const recordName = (value: Record<string, unknown>): LocalText | null =>
  localText(value.name) ?? localText(value.title);

export const auditShown = (value: unknown): AuditShown => {
  if (value === null || value === undefined) return { kind: "none" };
  if (typeof value === "boolean") return { kind: "flag", value };
  if (typeof value === "string") return { kind: "text", text: value };
  if (typeof value === "number") return { kind: "number", value };
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 2 && "level" in value && "points" in value) {
      const level = typeof value.level === "string" ? value.level : null;
      const points = typeof value.points === "number" ? value.points : null;
      return level === null && points === null ? { kind: "none" } : { kind: "grade", level, points };
    }
    return { kind: "data", name: recordName(value), json: JSON.stringify(value, null, 2) };
  }
  return { kind: "data", name: null, json: JSON.stringify(value, null, 2) };
};
