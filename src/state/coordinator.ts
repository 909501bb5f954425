/*
 * The coordinator's side of the page: online, at the office, talking to the
 * server's coordinator routes. Results are computed here with the same pure
 * engine the server uses, so they refresh the moment a tablet's sync lands.
 * Nothing in the panelist bundle imports this module: the coordinator
 * screens load it lazily.
 */
import { createStore } from "zustand/vanilla";
import { withFeedback } from "../domain/compute-feedback.ts";
import { computeResults } from "../domain/compute-results.ts";
import type { Results, ResultsInput, ResultsWithFeedback } from "../domain/results.ts";
import type {
  DeviceInfo,
  EditionBundleResponse,
  EditionDataResponse,
  EditionSummary,
  ErrorBody,
  JoinCodeListResponse,
  JoinCodeResponse,
  LoginResponse,
} from "../protocol/wire.ts";
import { API_PREFIX } from "../protocol/wire.ts";

export { PASSWORD_MIN } from "../protocol/wire.ts";
export { REOPEN_REASON_MAX } from "../protocol/recovery.ts";
import { loadCoordinatorMessages } from "../i18n/translate.ts";
import { appStore } from "./app-store.ts";
import { useStoreSelector } from "./useStoreSelector.ts";

const TOKEN_KEY = "panelis.coordinator";

export type CoordinatorState = {
  token: string | null;
  name: string | null;
  busy: boolean;
  error: string | null;
  editions: EditionSummary[];
  editionId: string | null;
  bundle: EditionBundleResponse | null;
  data: EditionDataResponse | null;
  devices: DeviceInfo[];
  joinCodes: Record<string, JoinCodeResponse>;
  results: Results | null;
  /** What `results` were computed from, kept with them so feedback is built from the same records. */
  resultsInput: ResultsInput | null;
  refreshedAt: number | null;
};

const initial = (): CoordinatorState => {
  const saved = typeof sessionStorage === "undefined" ? null : sessionStorage.getItem(TOKEN_KEY);
  const parsed = saved ? (JSON.parse(saved) as { token: string; name: string }) : null;
  return {
    token: parsed?.token ?? null,
    name: parsed?.name ?? null,
    busy: false,
    error: null,
    editions: [],
    editionId: null,
    bundle: null,
    data: null,
    devices: [],
    joinCodes: {},
    results: null,
    resultsInput: null,
    refreshedAt: null,
  };
};

/** Ready before the coordinator chunk's first render (the lazy import awaits it). */
export const coordinatorMessagesReady = loadCoordinatorMessages();

export const coordinatorStore = createStore<CoordinatorState>()(initial);

export const useCoordinator = <T>(selector: (state: CoordinatorState) => T): T =>
  useStoreSelector(coordinatorStore, selector);

/** Feedback is built the first time a view asks for it, once per computed results (compute-feedback.ts). */
const withFeedbackCache = new WeakMap<Results, ResultsWithFeedback>();

const resultsWithFeedback = ({ results, resultsInput }: CoordinatorState): ResultsWithFeedback | null => {
  if (!results || !resultsInput) return null;
  let found = withFeedbackCache.get(results);
  if (!found) {
    found = withFeedback(resultsInput, results);
    withFeedbackCache.set(results, found);
  }
  return found;
};

/** The results on screen with every district's feedback: for the feedback tab, the letters and publishing. */
export const useResultsWithFeedback = (): ResultsWithFeedback | null => useCoordinator(resultsWithFeedback);

const set = (partial: Partial<CoordinatorState>) => coordinatorStore.setState(partial);
const get = () => coordinatorStore.getState();

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** `/editions/<id><rest>`, the id encoded: every coordinator route about one edition starts so. */
export const editionPath = (editionId: string, rest = ""): string =>
  `/editions/${encodeURIComponent(editionId)}${rest}`;

/**
 * Runs one coordinator action against a store with `busy` and `error`: busy while it
 * runs, the error's words kept for the screen, null instead of throwing.
 */
export const attemptOn =
  (set: (partial: Partial<{ busy: boolean; error: string | null }>) => void) =>
  async <T>(op: () => Promise<T>): Promise<T | null> => {
    set({ busy: true, error: null });
    try {
      return await op();
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
      return null;
    } finally {
      set({ busy: false });
    }
  };

/** A coordinator API call with the session token; non-2xx becomes an `ApiError` carrying the server's words. */
export const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const headers: Record<string, string> = { "Accept-Language": appStore.getState().locale };
  const token = get().token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${API_PREFIX}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as ErrorBody | null;
    if (response.status === 401) logout();
    throw new ApiError(
      response.status,
      error?.error.code ?? "internal",
      error?.error.message ?? response.statusText,
      error?.error.details,
    );
  }
  return (await response.json()) as T;
};

/** Busy while it runs; a failure becomes the screen's error (the server's words). */
export const run = attemptOn(set);

/** Both ways in end the same: a session token kept for this browser tab, then the edition list. */
const signIn = (path: "/auth/login" | "/auth/setup", body: Record<string, string>) =>
  run(async () => {
    const result = await api<LoginResponse>("POST", path, body);
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token: result.token, name: result.coordinator.name }));
    set({ token: result.token, name: result.coordinator.name });
    await loadEditions();
    return true;
  });

export const login = (name: string, password: string) => signIn("/auth/login", { name, password });

/** First start: the one-time link printed by the server creates the first coordinator account. */
export const setupCoordinator = (setupToken: string, name: string, password: string) =>
  signIn("/auth/setup", { setupToken, name, password });

export const logout = () => {
  if (typeof sessionStorage !== "undefined") sessionStorage.removeItem(TOKEN_KEY);
  set({ ...initial(), token: null, name: null });
};

export const loadEditions = () =>
  run(async () => {
    const { editions } = await api<{ editions: EditionSummary[] }>("GET", "/editions");
    set({ editions });
  });

const recompute = () => {
  const { bundle, data } = get();
  if (!bundle || !data) return;
  const resultsInput: ResultsInput = {
    edition: bundle.edition,
    rubric: bundle.rubric,
    participants: bundle.participants,
    members: bundle.members,
    scores: data.scores,
    sheets: data.sheets,
    nominations: data.nominations,
  };
  set({ results: computeResults(resultsInput), resultsInput });
};

/** When this laptop last issued a join code (see refreshEdition). */
let lastCodeIssuedAt = 0;

/** Fetches the latest synced data and recomputes every result from it. */
export const refreshEdition = (editionId: string, reloadBundle = false) =>
  run(async () => {
    const needBundle = reloadBundle || get().editionId !== editionId || !get().bundle;
    const startedAt = Date.now();
    const [bundle, data, devices, listedCodes] = await Promise.all([
      needBundle ? api<EditionBundleResponse>("GET", editionPath(editionId, "/bundle")) : get().bundle,
      api<EditionDataResponse>("GET", editionPath(editionId, "/data")),
      api<{ devices: DeviceInfo[] }>("GET", editionPath(editionId, "/devices")).then((r) => r.devices),
      // The codes that can still enrol a tablet: the join sheet shows them again after a reload.
      api<JoinCodeListResponse>("GET", editionPath(editionId, "/join-codes")).then((r) =>
        Object.fromEntries(r.codes.map((code) => [code.memberId, code])),
      ),
    ]);
    // A code issued while this refresh was in flight is newer than the list it fetched.
    const joinCodes = lastCodeIssuedAt >= startedAt ? { ...listedCodes, ...get().joinCodes } : listedCodes;
    set({ editionId, bundle, data, devices, joinCodes, refreshedAt: Date.now() });
    recompute();
  });

export const createJoinCode = (memberId: string) =>
  run(async () => {
    const editionId = get().editionId;
    if (!editionId) return;
    const code = await api<JoinCodeResponse>(
      "POST",
      `/editions/${encodeURIComponent(editionId)}/members/${encodeURIComponent(memberId)}/join-code`,
    );
    lastCodeIssuedAt = Date.now();
    set({ joinCodes: { ...get().joinCodes, [memberId]: code } });
  });

/** The reason is required: the server audits it and the member's tablet shows it. */
export const reopenSheet = (participantId: string, memberId: string, reason: string) =>
  run(async () => {
    const editionId = get().editionId;
    if (!editionId) return;
    await api(
      "POST",
      `/editions/${encodeURIComponent(editionId)}/sheets/${encodeURIComponent(participantId)}/${encodeURIComponent(memberId)}/reopen`,
      { reason },
    );
    await refreshEdition(editionId);
  });

export const revokeDevice = (deviceId: string) =>
  run(async () => {
    await api("DELETE", `/devices/${encodeURIComponent(deviceId)}`);
    const editionId = get().editionId;
    if (editionId) await refreshEdition(editionId);
  });
