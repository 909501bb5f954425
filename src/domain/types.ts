/*
 * The shared vocabulary of Panelis. Page, sync worker and server all speak in
 * these types; validation schemas in `schemas.ts` are the runtime twin of each
 * record type here and must stay in step with it.
 */

export type AksiNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Hybrid logical clock stamp, serialised so that string order is causal order (see `hlc.ts`). */
export type Stamp = string;

export type Locale = "id" | "en";

/** Text carried by the rubric itself: Indonesian is authoritative, English is a gloss. */
export type LocalText = { id: string; en?: string };

export type Level = {
  /** "A", "B", … as printed on the paper form. */
  letter: string;
  descriptor: LocalText;
};

/**
 * Guidance for a numeric criterion: what a score from `min` to `max` (inclusive, whole
 * points) means. See `bands.ts` for how a value finds its band and what a valid set is.
 */
export type ScoreBand = {
  min: number;
  max: number;
  /** Short name shown on the card, e.g. "Sangat baik". */
  label: LocalText;
  descriptor: LocalText;
};

export type Indicator = {
  id: string;
  /** Numbered per aksi: "1.1", "1.2", … For numeric criteria, any short code ("P1"). */
  code: string;
  /** Null for criteria that do not belong to one aksi (e.g. paparan criteria). */
  aksi: AksiNumber | null;
  text: LocalText;
  evidenceHint?: LocalText;
  /** Best first (A, B, C, D). Empty when the component is scored numerically. */
  levels: Level[];
  /** Numeric criteria only: the top of the scale (default 100). */
  maxPoints?: number;
  /** Numeric criteria only: bands from 0 to maxPoints, without gaps or overlaps. */
  bands?: ScoreBand[];
};

export type ComponentTeam = "technical" | "panel";

export type ComponentScale = "levels" | "numeric";

export type RubricComponent = {
  id: string;
  name: LocalText;
  /** Relative weight; weights are normalised by their sum, so 60/20/20 and 0.6/0.2/0.2 agree. */
  weight: number;
  team: ComponentTeam;
  scale: ComponentScale;
  indicators: Indicator[];
};

export type Rubric = {
  id: string;
  editionId: string;
  /** Bumped by the coordinator on every change; scores remember the version they were made against. */
  version: number;
  name: LocalText;
  /** True for the shipped starting points that a coordinator copies and edits. */
  isTemplate: boolean;
  components: RubricComponent[];
};

export type EditionMode = "offline" | "online" | "hybrid";

export type RollUp = "per-aksi" | "per-indicator";

export type CombineMethod =
  | { method: "mean" }
  | { method: "trimmed-mean"; k: number }
  | { method: "z-score" }
  | { method: "consensus"; memberId: string };

export type TieBreakKey =
  | { kind: "component"; componentId: string }
  | { kind: "aksi"; aksi: AksiNumber }
  | { kind: "indicator"; indicatorId: string };

export type AwardCategory = "inspiratif" | "replikatif" | "inovatif";

export type AwardRule =
  | { kind: "best-n"; n: number }
  | { kind: "nomination-count"; category: AwardCategory }
  | { kind: "indicator-rule"; category: AwardCategory; indicatorIds: string[] };

export type OutlierRule = {
  /** A member's component score further than this many points from the mean of the rest of the panel is flagged. */
  thresholdPoints: number;
};

export type EditionSettings = {
  /** Letter → number; default A=4, B=3, C=2, D=1. */
  letterValues: Record<string, number>;
  /** "x-over-max": a level scores value ÷ highest value × 100. */
  levelScaling: "x-over-max";
  rollUp: RollUp;
  combine: CombineMethod;
  /** Decimals shown and used for ties (default 2). */
  precision: number;
  tieBreak: TieBreakKey[];
  awards: AwardRule[];
  outliers: OutlierRule;
};

/** draft → open → closed → published; the rules are in `edition-lifecycle.ts`. */
export type EditionState = "draft" | "open" | "closed" | "published";

export type Edition = {
  id: string;
  /** Kemendagri province code, e.g. "52" for Nusa Tenggara Barat. */
  provinceCode: string;
  provinceName: string;
  /** Year the assessment is held. */
  year: number;
  /** Year (or period) whose performance is assessed, e.g. "2020". */
  periodAssessed: string;
  title: LocalText;
  aksiInScope: AksiNumber[];
  mode: EditionMode;
  startDate: string;
  endDate: string;
  venue: string;
  rubricId: string;
  settings: EditionSettings;
  /** True for made-up sample data: every screen and report says so. */
  isSample: boolean;
  /** Absent on editions made before states existed: they behave as "open". */
  state?: EditionState;
  /** The edition this one was copied from, so feedback can compare with last year. */
  sourceEditionId?: string;
  /**
   * The day's running order, current presenter and attendance. Carried on the edition
   * so tablets receive it as reference data with their next pull; set only through the
   * schedule routes (an import keeps the stored one), like `state`.
   */
  schedule?: EditionSchedule;
};

export type ParticipantKind = "kabupaten" | "kota";

export type ParticipantRole = "assessed" | "observer";

export type Participant = {
  id: string;
  editionId: string;
  /** Kemendagri region code, e.g. "5203". */
  regionCode: string;
  name: string;
  kind: ParticipantKind;
  /** Ranking group label, e.g. "Lokus 2019". Observers may carry one but are never ranked. */
  rankingGroup: string;
  role: ParticipantRole;
  /** Order in which the participant presents (1-based), when scheduled. */
  order?: number;
};

/** Where a participant presents from, or where a member sits: hybrid sessions mix both. */
export type Attendance = "room" | "remote";

export type ScheduleSlot = {
  participantId: string;
  /** 1-based presentation order; unique within the edition. */
  order: number;
  /** ISO date (YYYY-MM-DD), or "" while not yet fixed. */
  date: string;
  /** "HH:MM–HH:MM" as printed on the agenda, or "". */
  time: string;
  room: string;
};

/** The day's running order and who is where; sent to tablets as reference data. */
export type EditionSchedule = {
  editionId: string;
  slots: ScheduleSlot[];
  /** Who is presenting now; null before the first presenter and after the last. */
  currentParticipantId: string | null;
  participantAttendance: Record<string, Attendance>;
  memberAttendance: Record<string, Attendance>;
};

export type MemberRole = "ketua" | "anggota" | "technical" | "observer" | "coordinator";

export type Assignment = { componentId: string; participantIds: string[] };

export type Member = {
  id: string;
  editionId: string;
  name: string;
  agency: string;
  role: MemberRole;
  assignments: Assignment[];
};

/** A score changes as two independently merged fields: the grade (level or points) and the evidence note. */
export type ScoreField = "grade" | "note";

export type ScoreRecord = {
  /** `scoreKey(...)`: one record per (edition, participant, indicator, member). */
  key: string;
  editionId: string;
  participantId: string;
  componentId: string;
  indicatorId: string;
  memberId: string;
  /** Letter for level-scaled components, else null. */
  level: string | null;
  /** Points for numeric components, else null. */
  points: number | null;
  note: string;
  rubricVersion: number;
  /** Per-field last-write stamps; the stamp embeds the writing device id. */
  stamps: Partial<Record<ScoreField, Stamp>>;
  /** Server version of the last state this copy has seen; 0 until the server has the record. */
  version: number;
};

export type SheetField = "strengths" | "recommendations" | "recused" | "finalised";

/** What one member says about one participant beyond the grades: notes, recusal, finalisation. */
export type SheetRecord = {
  /** `sheetKey(...)`: one per (edition, participant, member). */
  key: string;
  editionId: string;
  participantId: string;
  memberId: string;
  strengths: string;
  recommendations: string;
  /** Conflict of interest: the member's cells for this participant are empty, not zero. */
  recused: boolean;
  recusalReason: string;
  finalised: boolean;
  /** Why the coordinator last reopened the sheet; absent on sheets never reopened (and on older records). */
  reopenReason?: string;
  stamps: Partial<Record<SheetField | "recusalReason" | "reopenReason", Stamp>>;
  /** Server version of the last state this copy has seen; 0 until the server has the record. */
  version: number;
};

export type NominationField = "nominated" | "reason";

export type NominationRecord = {
  /** `nominationKey(...)`: one per (edition, participant, member, category). */
  key: string;
  editionId: string;
  participantId: string;
  memberId: string;
  category: AwardCategory;
  nominated: boolean;
  reason: string;
  stamps: Partial<Record<NominationField, Stamp>>;
  /** Server version of the last state this copy has seen; 0 until the server has the record. */
  version: number;
};

/** An edition with everything scored in it: what a sample provides and what results are computed from. */
export type EditionBundle = {
  edition: Edition;
  rubric: Rubric;
  participants: Participant[];
  members: Member[];
  scores: ScoreRecord[];
  sheets: SheetRecord[];
  nominations: NominationRecord[];
};
