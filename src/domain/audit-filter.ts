/*
 * Filtering the audit log by member, participant, tablet and time. Member and
 * participant are read from the record key (`keys.ts`: edition|participant|…|member
 * for scores, edition|participant|member for sheets, edition|participant|member|category
 * for nominations); entries on reference tables have neither and match only when
 * those filters are empty.
 */
export type AuditRow = {
  at: number;
  table: string;
  key: string;
  deviceId: string | null;
  actorId: string;
  refusedReason?: string;
};

export type AuditQuery = {
  memberId?: string;
  participantId?: string;
  deviceId?: string;
  /** Inclusive bounds, epoch ms. */
  from?: number;
  to?: number;
  /** Only entries recording a change the server refused. */
  refusedOnly?: boolean;
};

/** Where each part sits in a record key (keys.ts), and what the key names beside its parties (indicator, category). */
const KEY_LAYOUT: Record<string, { participant: number; member: number; detail?: number }> = {
  scores: { participant: 1, member: 3, detail: 2 },
  sheets: { participant: 1, member: 2 },
  nominations: { participant: 1, member: 2, detail: 3 },
};

/** Participant and member a record key names, or nulls for reference tables. */
export const keyParties = (table: string, key: string): { participantId: string | null; memberId: string | null } => {
  const layout = KEY_LAYOUT[table];
  if (!layout) return { participantId: null, memberId: null };
  const parts = key.split("|");
  return { participantId: parts[layout.participant] ?? null, memberId: parts[layout.member] ?? null };
};

/** The indicator a score key names, or the award category of a nomination key; null for any other record. */
export const keyDetail = (table: string, key: string): string | null => {
  const at = KEY_LAYOUT[table]?.detail;
  return at === undefined ? null : (key.split("|")[at] ?? null);
};

export const filterAudit = <R extends AuditRow>(rows: readonly R[], q: AuditQuery): R[] =>
  rows.filter((r) => {
    if (q.from !== undefined && r.at < q.from) return false;
    if (q.to !== undefined && r.at > q.to) return false;
    if (q.deviceId && r.deviceId !== q.deviceId) return false;
    if (q.refusedOnly && r.refusedReason === undefined) return false;
    if (!q.memberId && !q.participantId) return true;
    const parties = keyParties(r.table, r.key);
    if (q.memberId && parties.memberId !== q.memberId) return false;
    if (q.participantId && parties.participantId !== q.participantId) return false;
    return true;
  });
