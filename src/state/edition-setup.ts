/*
 * The coordinator's edition set-up: one draft (edition, rubric, participants, panel)
 * edited in memory and saved whole through `POST /editions` — the server validates
 * and writes it in one transaction, so nothing is saved half. An edit names the
 * edition version it was made on; if another coordinator saved first the server
 * refuses (409 edition-stale) and the draft is kept, with the server's current copy
 * beside it, until the coordinator reloads or re-applies.
 */
import { createStore } from "zustand/vanilla";
import { pruneAssignments } from "../domain/assignments.ts";
import { copyEdition, type EditionSetup } from "../domain/edition-copy.ts";
import { type FieldError, fieldErrors } from "../domain/field-errors.ts";
import { EditionSchema, MemberSchema, ParticipantSchema } from "../domain/reference-schemas.ts";
import { validateRubricDraft } from "../domain/rubric-validation.ts";
import { defaultSettings } from "../domain/settings.ts";
import { DOCUMENT_REVIEW_ID, documentReviewComponent, eightAksiRubricTemplate } from "../domain/templates/index.ts";
import type { AksiNumber, Locale, Rubric } from "../domain/types.ts";
import type { EditionBundleResponse, EditionImportResponse } from "../protocol/wire.ts";
import { appStore } from "./app-store.ts";
import { ApiError, api, editionPath, loadEditions } from "./coordinator.ts";
import { useStoreSelector } from "./useStoreSelector.ts";

export type { EditionSetup } from "../domain/edition-copy.ts";

export type SetupState = {
  draft: EditionSetup | null;
  /** Edition version the draft was made on; null for an edition not yet on the server. */
  baseVersion: number | null;
  /** The rubric as last saved, for the diff shown before saving a changed rubric. */
  savedRubric: Rubric | null;
  /** Set when another coordinator saved first: their copy, to compare, reload or re-apply over. */
  stale: EditionBundleResponse | null;
  errors: FieldError[];
  saving: boolean;
  saveError: string | null;
  savedAt: number | null;
  dirty: boolean;
};

const initial = (): SetupState => ({
  draft: null,
  baseVersion: null,
  savedRubric: null,
  stale: null,
  errors: [],
  saving: false,
  saveError: null,
  savedAt: null,
  dirty: false,
});

export const setupStore = createStore<SetupState>()(initial);

export const useSetup = <T>(selector: (state: SetupState) => T): T => useStoreSelector(setupStore, selector);

const set = (partial: Partial<SetupState>) => setupStore.setState(partial);
const get = () => setupStore.getState();
const locale = (): Locale => appStore.getState().locale;

const randomSuffix = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(3));
  return [...bytes].map((b) => b.toString(36).padStart(2, "0")).join("");
};

export const newEditionId = (provinceCode: string, year: number): string =>
  `ed-${provinceCode}-${year}-${randomSuffix()}`;

export type NewEditionOptions = {
  provinceCode: string;
  provinceName: string;
  year: number;
  aksiInScope: AksiNumber[];
  id?: string;
};

/** A new edition from the 8-aksi template: document review limited to the aksi in scope. */
export const startFromTemplate = (o: NewEditionOptions): void => {
  const id = o.id ?? newEditionId(o.provinceCode, o.year);
  const rubric = eightAksiRubricTemplate(id, { aksi: o.aksiInScope, isTemplate: false });
  const draft: EditionSetup = {
    edition: {
      id,
      provinceCode: o.provinceCode,
      provinceName: o.provinceName,
      year: o.year,
      periodAssessed: String(o.year - 1),
      title: {
        id: `Penilaian Kinerja Aksi Konvergensi Penurunan Stunting Kabupaten/Kota Provinsi ${o.provinceName} Tahun ${o.year}`,
        en: `Convergence actions performance assessment, ${o.provinceName} ${o.year}`,
      },
      aksiInScope: [...o.aksiInScope].sort((a, b) => a - b),
      mode: "offline",
      startDate: `${o.year}-07-01`,
      endDate: `${o.year}-07-01`,
      venue: "",
      rubricId: rubric.id,
      settings: defaultSettings(),
      isSample: false,
      state: "draft",
    },
    rubric,
    participants: [],
    members: [],
  };
  setupStore.setState({ ...initial(), draft, dirty: true });
};

/** A copy of an existing edition for a new year; its scores stay behind. */
export const startFromCopy = (source: EditionBundleResponse, year: number, id?: string): void => {
  const draft = copyEdition(source, { id: id ?? newEditionId(source.edition.provinceCode, year), year });
  // The diff before the first save compares with the source's rubric: what changed since last year.
  setupStore.setState({ ...initial(), draft, savedRubric: source.rubric, dirty: true });
};

/** Fetches an edition from the server and starts a copy of it for `year`. */
export const startCopyOf = async (editionId: string, year: number): Promise<boolean> => {
  try {
    startFromCopy(await api<EditionBundleResponse>("GET", editionPath(editionId, "/bundle")), year);
    return true;
  } catch (error) {
    set({ saveError: error instanceof Error ? error.message : String(error) });
    return false;
  }
};

/** Opens an edition already on the server for editing. */
export const editFromServer = async (editionId: string): Promise<boolean> => {
  try {
    startEditing(await api<EditionBundleResponse>("GET", editionPath(editionId, "/bundle")));
    return true;
  } catch (error) {
    set({ saveError: error instanceof Error ? error.message : String(error) });
    return false;
  }
};

/** Edits an edition already on the server, from its current bundle. */
export const startEditing = (bundle: EditionBundleResponse): void => {
  const { version, ...setup } = bundle;
  setupStore.setState({
    ...initial(),
    draft: structuredClone(setup),
    baseVersion: version,
    savedRubric: bundle.rubric,
  });
};

export const closeDraft = (): void => setupStore.setState(initial());

/** Assignments follow the participants and components that remain. */
const consistent = (d: EditionSetup): EditionSetup => {
  const participantIds = new Set(d.participants.map((p) => p.id));
  const componentIds = new Set(d.rubric.components.map((c) => c.id));
  return { ...d, members: d.members.map((m) => pruneAssignments(m, participantIds, componentIds)) };
};

/** Every edit goes through here: the draft is replaced, never mutated, and re-validated. */
export const updateDraft = (recipe: (draft: EditionSetup) => EditionSetup): void => {
  const draft = get().draft;
  if (!draft) return;
  const next = consistent(recipe(draft));
  set({ draft: next, dirty: true, errors: get().errors.length > 0 ? validateSetup(next, locale()) : [] });
};

/** Changing the aksi in scope also trims or extends the document review to them. */
export const setAksiInScope = (aksi: AksiNumber[]): void =>
  updateDraft((d) => {
    const sorted = [...aksi].sort((a, b) => a - b);
    const components = d.rubric.components.map((c) => {
      if (c.id !== DOCUMENT_REVIEW_ID) return c;
      const template = documentReviewComponent(sorted);
      const kept = new Map(c.indicators.map((i) => [i.id, i] as const));
      return { ...c, indicators: template.indicators.map((i) => kept.get(i.id) ?? i) };
    });
    return { ...d, edition: { ...d.edition, aksiInScope: sorted }, rubric: { ...d.rubric, components } };
  });

/** All field errors of a draft, each on its field: edition details, rubric, participants, panel. */
export const validateSetup = (d: EditionSetup, at: Locale): FieldError[] => {
  const prefixed = (prefix: string, errors: FieldError[]) =>
    errors.map((e) => ({ ...e, path: e.path ? `${prefix}.${e.path}` : prefix }));
  return [
    ...prefixed("edition", fieldErrors(EditionSchema, d.edition, at)),
    ...prefixed("rubric", validateRubricDraft(d.rubric, at)),
    ...d.participants.flatMap((p, i) => prefixed(`participants.${i}`, fieldErrors(ParticipantSchema, p, at))),
    ...d.members.flatMap((m, i) => prefixed(`members.${i}`, fieldErrors(MemberSchema, m, at))),
  ];
};

export type SaveOutcome = "saved" | "invalid" | "stale" | "failed";

/** Validates, then saves the whole draft in one request; on a stale base keeps the draft and fetches theirs. */
export const saveDraft = async (): Promise<SaveOutcome> => {
  const { draft, baseVersion } = get();
  if (!draft) return "failed";
  const errors = validateSetup(draft, locale());
  set({ errors, saveError: null });
  if (errors.length > 0) return "invalid";
  set({ saving: true });
  try {
    const body = { ...draft, ...(baseVersion === null ? {} : { baseVersion }) };
    const saved = await api<EditionImportResponse>("POST", "/editions", body);
    set({
      baseVersion: saved.version,
      savedRubric: saved.rubric,
      draft: { ...draft, rubric: saved.rubric },
      stale: null,
      dirty: false,
      savedAt: Date.now(),
    });
    void loadEditions();
    return "saved";
  } catch (error) {
    if (error instanceof ApiError && error.code === "edition-stale") {
      const theirs = await api<EditionBundleResponse>(
        "GET",
        `/editions/${encodeURIComponent(draft.edition.id)}/bundle`,
      );
      set({ stale: theirs, saveError: error.message });
      return "stale";
    }
    set({ saveError: error instanceof Error ? error.message : String(error) });
    return "failed";
  } finally {
    set({ saving: false });
  }
};

/** Stale: drop my edits and take the server's copy. */
export const reloadFromServer = (): void => {
  const theirs = get().stale;
  if (theirs) startEditing(theirs);
};

/** Stale: keep my edits and save them over the server's newer copy (the coordinator has seen what changed). */
export const reapplyOverServer = async (): Promise<SaveOutcome> => {
  const theirs = get().stale;
  if (!theirs) return "failed";
  set({ baseVersion: theirs.version, savedRubric: theirs.rubric, stale: null });
  return saveDraft();
};
