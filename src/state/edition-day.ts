/*
 * Running the day from the coordinator's laptop: the edition's state, the schedule
 * and attendance, recusals, and the live board. The board polls a small endpoint
 * every few seconds while the page is visible (it answers "unchanged" cheaply) and
 * keeps the last board it received in localStorage, so a laptop that loses the
 * network still shows the last data and how old it is.
 */
import { createStore } from "zustand/vanilla";
import { advancePresenter, emptySchedule } from "../domain/schedule.ts";
import type { Attendance, EditionSchedule, EditionState } from "../domain/types.ts";
import type { BoardResponse, BoardUnchanged, ScheduleResponse, StateChangeResponse } from "../protocol/coordination.ts";
import type { AuditEntryInfo, AuditResponse } from "../protocol/wire.ts";
import { api, attemptOn, editionPath, refreshEdition } from "./coordinator.ts";
import { useStoreSelector } from "./useStoreSelector.ts";

export type { BoardResponse } from "../protocol/coordination.ts";

export const BOARD_POLL_MS = 3000;
const BOARD_CACHE = "panelis.board.";

export type DayState = {
  editionId: string | null;
  schedule: EditionSchedule | null;
  scheduleDirty: boolean;
  board: BoardResponse | null;
  /** When the board last came from the server (epoch ms); older means the laptop is offline. */
  boardFetchedAt: number | null;
  boardOffline: boolean;
  audit: AuditEntryInfo[] | null;
  /** Filters the audit screen opens with (set by the board's "refused" link), consumed once. */
  auditPreset: { deviceId: string; refusedOnly: boolean } | null;
  error: string | null;
  busy: boolean;
};

const initial = (): DayState => ({
  editionId: null,
  schedule: null,
  scheduleDirty: false,
  board: null,
  boardFetchedAt: null,
  boardOffline: false,
  audit: null,
  auditPreset: null,
  error: null,
  busy: false,
});

export const dayStore = createStore<DayState>()(initial);

export const useDay = <T>(selector: (state: DayState) => T): T => useStoreSelector(dayStore, selector);

const set = (partial: Partial<DayState>) => dayStore.setState(partial);
const get = () => dayStore.getState();
const path = editionPath;

const attempt = attemptOn(set);

export const changeEditionState = (editionId: string, to: EditionState) =>
  attempt(async () => {
    const r = await api<StateChangeResponse>("POST", path(editionId, "/state"), { to });
    await refreshEdition(editionId, true);
    return r;
  });

export const loadSchedule = (editionId: string) =>
  attempt(async () => {
    const r = await api<ScheduleResponse>("GET", path(editionId, "/schedule"));
    set({ editionId, schedule: r.schedule, scheduleDirty: false });
  });

/** Local edit of the schedule; saved with `saveSchedule`. */
export const editSchedule = (recipe: (s: EditionSchedule) => EditionSchedule, editionId: string) => {
  const current = get().schedule ?? emptySchedule(editionId);
  set({ schedule: recipe(current), scheduleDirty: true });
};

export const saveSchedule = (editionId: string) =>
  attempt(async () => {
    const schedule = get().schedule;
    if (!schedule) return;
    const r = await api<ScheduleResponse>("PUT", path(editionId, "/schedule"), schedule);
    set({ schedule: r.schedule, scheduleDirty: false });
  });

/** One tap: the next participant presents; tablets see it at their next sync. */
export const advance = (editionId: string) =>
  attempt(async () => {
    const r = await api<ScheduleResponse>("POST", path(editionId, "/schedule/advance"));
    set({ schedule: r.schedule });
  });

/** Shown before the server answers, so the tap is felt at once. */
export const previewAdvance = (): EditionSchedule | null => {
  const s = get().schedule;
  return s ? advancePresenter(s) : null;
};

export const setAttendance = (kind: "participant" | "member", id: string, where: Attendance, editionId: string) =>
  editSchedule(
    (s) =>
      kind === "participant"
        ? { ...s, participantAttendance: { ...s.participantAttendance, [id]: where } }
        : { ...s, memberAttendance: { ...s.memberAttendance, [id]: where } },
    editionId,
  );

export const recordRecusal = (editionId: string, participantId: string, memberId: string, reason: string) =>
  attempt(async () => {
    await api(
      "POST",
      path(editionId, `/sheets/${encodeURIComponent(participantId)}/${encodeURIComponent(memberId)}/recusal`),
      { recused: reason.trim() !== "", reason },
    );
    await pollBoard(editionId);
  });

const cacheKey = (editionId: string) => `${BOARD_CACHE}${editionId}`;

/** The board as last received, from this laptop's storage (offline start). */
export const restoreBoard = (editionId: string): void => {
  if (typeof localStorage === "undefined") return;
  const saved = localStorage.getItem(cacheKey(editionId));
  if (!saved) return;
  const { board, fetchedAt } = JSON.parse(saved) as { board: BoardResponse; fetchedAt: number };
  set({ board, boardFetchedAt: fetchedAt, boardOffline: true });
};

export const pollBoard = async (editionId: string, now: () => number = Date.now): Promise<void> => {
  const since = get().board?.editionId === editionId ? get().board?.etag : undefined;
  try {
    const r = await api<BoardResponse | BoardUnchanged>(
      "GET",
      path(editionId, `/board${since === undefined ? "" : `?since=${since}`}`),
    );
    const fetchedAt = now();
    if ("unchanged" in r) {
      set({ boardFetchedAt: fetchedAt, boardOffline: false });
      return;
    }
    set({ board: r, boardFetchedAt: fetchedAt, boardOffline: false });
    if (typeof localStorage !== "undefined")
      localStorage.setItem(cacheKey(editionId), JSON.stringify({ board: r, fetchedAt }));
  } catch {
    set({ boardOffline: true });
  }
};

const AUDIT_PAGES = 20;

/** Loads the edition's audit log page by page (up to 20 × 1000 entries); the screen filters it. */
export const loadAudit = (editionId: string) =>
  attempt(async () => {
    const entries: AuditEntryInfo[] = [];
    let after = 0;
    for (let page = 0; page < AUDIT_PAGES; page++) {
      const r = await api<AuditResponse>("GET", path(editionId, `/audit?after=${after}&limit=1000`));
      entries.push(...r.entries);
      after = r.cursor;
      if (!r.more) break;
    }
    set({ audit: entries });
  });

/** The audit screen should open on this tablet's refused changes. */
export const presetAudit = (deviceId: string): void => set({ auditPreset: { deviceId, refusedOnly: true } });

/** The preset, once: later visits to the audit screen start unfiltered. */
export const takeAuditPreset = (): DayState["auditPreset"] => {
  const preset = get().auditPreset;
  if (preset) set({ auditPreset: null });
  return preset;
};
