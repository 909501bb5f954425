/*
 * The shape of computed results. Every number is kept at full precision
 * (rounding is for display and ties only, see `roundTo`); every missing
 * value is null together with a reason, never 0.
 */
import type { AgreementBand } from "./agreement-bands.ts";
import type { AlphaMetric } from "./krippendorff.ts";
import type { Icc, StatisticNullReason } from "./statistics.ts";
import type { AksiNumber, AwardCategory, EditionBundle, EditionSettings, LocalText, ParticipantRole } from "./types.ts";

/** Results are computed from one edition's whole bundle. */
export type ResultsInput = EditionBundle;

export type WarningCode =
  | "rubric-not-for-edition"
  | "trimmed-mean-fallback"
  | "consensus-member-unknown"
  | "letter-values-empty"
  | "tie-break-key-unknown"
  | "award-indicator-unknown";

export type ResultWarning = {
  code: WarningCode;
  /** English, for logs and the coordinator's diagnostics; the UI translates from `code`. */
  message: string;
  componentId?: string;
  participantId?: string;
  memberId?: string;
  indicatorId?: string;
};

export type NeedsReviewReason =
  /** The indicator was deleted from the rubric after the score was made. */
  | "unknown-indicator"
  /** The letter is not one of the indicator's levels (a level was removed or renamed). */
  | "unknown-level"
  /** The letter is a level of the indicator but `settings.letterValues` gives it no number. */
  | "letter-without-value"
  /** The indicator now sits in another component than the one the score names. */
  | "component-mismatch"
  /** A level grade on a numeric component or points on a level component. */
  | "wrong-scale"
  | "points-out-of-range"
  | "unknown-participant"
  | "unknown-member"
  /** The member is not (or no longer) assigned to this component for this participant. */
  | "not-assigned"
  /** A second record for the same participant, indicator and member; the first one counts. */
  | "duplicate";

export type NeedsReviewItem = {
  scoreKey: string;
  participantId: string;
  memberId: string;
  componentId: string;
  indicatorId: string;
  reason: NeedsReviewReason;
};

/**
 * - counted: complete, not recused, and part of the combined score.
 * - not-consensus: would count, but the consensus method uses one designated sheet.
 * - recused / incomplete: a gap; excluded from the combined score.
 */
export type MemberStatus = "counted" | "not-consensus" | "recused" | "incomplete";

export type MemberComponentScore = {
  memberId: string;
  status: MemberStatus;
  /** Indicators of the component this member graded for this participant. */
  scored: number;
  total: number;
  /** The member's rolled-up 0–100 score; null for a recused member or a partial sheet. */
  value: number | null;
  /** z-score method only: this member's z for this participant; null otherwise or when not counted. */
  z: number | null;
};

export type ComponentNullReason = "no-counted-members" | "consensus-member-not-counted" | "no-indicators";

export type ComponentResult = {
  componentId: string;
  weight: number;
  /** Combined 0–100 score (for z-score: grand mean + mean z × mean member SD). */
  value: number | null;
  reason: ComponentNullReason | null;
  countedMemberIds: string[];
  /** z-score method only. */
  meanZ: number | null;
  /** Every member assigned to this component for this participant, in member-id order. */
  members: MemberComponentScore[];
};

export type AksiResult = {
  aksi: AksiNumber;
  /** Members' aksi means combined like the component (z-score: plain mean); the mean over components when an aksi spans several. */
  value: number | null;
};

export type IndicatorResult = {
  indicatorId: string;
  componentId: string;
  /** Mean of the counted members' 0–100 indicator scores. */
  value: number | null;
  /** Mean of the counted members' letter values or points, before scaling. */
  rawMean: number | null;
  countedMembers: number;
};

export type TotalReason = { code: "component-missing"; componentIds: string[] } | { code: "zero-total-weight" };

export type Completeness = {
  /** Graded cells over expected cells, counting assigned, non-recused members only. */
  scored: number;
  expected: number;
  complete: boolean;
};

export type UnrankedReason = "observer" | "incomplete";

export type ParticipantResult = {
  participantId: string;
  name: string;
  regionCode: string;
  rankingGroup: string;
  role: ParticipantRole;
  observer: boolean;
  components: ComponentResult[];
  aksi: AksiResult[];
  indicators: IndicatorResult[];
  total: number | null;
  totalReason: TotalReason | null;
  roundedTotal: number | null;
  rank: number | null;
  unrankedReason: UnrankedReason | null;
  sharedWith: string[];
  tieBreakApplied: boolean;
  completeness: Completeness;
};

export type RankedEntry = {
  participantId: string;
  rank: number;
  rankBeforeTieBreak: number;
  roundedTotal: number;
  /** Rounded, in the order of settings.tieBreak. */
  tieBreakValues: (number | null)[];
  /** The rounded total was equal to another entry's, so the tie-break chain was consulted. */
  tieBreakApplied: boolean;
  /** Entries equal on the total and every tie-break key: the rank is shared with them. */
  sharedWith: string[];
};

export type RankingGroupResult = {
  group: string;
  ranked: RankedEntry[];
  /** Assessed participants without a total (see their totalReason). */
  incomplete: string[];
  observers: string[];
};

export type NominationReason = { memberId: string; reason: string };

export type AwardResult =
  | {
      kind: "best-n";
      n: number;
      group: string;
      /** rank ≤ n; a shared rank can make this longer than n. */
      winners: { participantId: string; rank: number }[];
    }
  | {
      kind: "nomination-count";
      category: AwardCategory;
      winners: { participantId: string; count: number; reasons: NominationReason[] }[];
      /** Every assessed participant with at least one nomination, most first. */
      tally: { participantId: string; count: number }[];
      reason: "no-nominations" | null;
    }
  | {
      kind: "indicator-rule";
      category: AwardCategory;
      indicatorIds: string[];
      winners: { participantId: string; value: number }[];
      reason: "no-eligible-participant" | null;
    };

export type ComponentAgreement = {
  componentId: string;
  /** Members with a complete, non-recused sheet for at least one assessed participant. */
  raterIds: string[];
  /** Rows where every rater has a value; the rest are dropped listwise. */
  participantIds: string[];
  rowsUsed: number;
  rowsDropped: number;
  /** Null with `reason` when no form is defined; a single form is null when its estimate is undefined (see `Icc`). */
  icc: Icc | null;
  kendallW: { w: number; rankSums: number[]; tieCorrected: boolean } | null;
  /** Why icc / kendallW is null. */
  reason: StatisticNullReason | null;
  /** Krippendorff's alpha on every available rating: no listwise deletion. */
  alpha: ComponentAlpha;
};

/**
 * Units are (assessed participant, indicator) cells of the component; ratings
 * are the grades of assigned members who did not recuse, complete sheet or
 * not. Letter levels are ordinal (on their letter values), points interval.
 */
export type ComponentAlpha = {
  metric: AlphaMetric;
  /** Null with `reason` when undefined. */
  value: number | null;
  band: AgreementBand | null;
  /** Grades in units with at least two of them (n in Krippendorff's notation). */
  pairableValues: number;
  /** Every grade looked at, pairable or not. */
  ratings: number;
  unitsUsed: number;
  /** Assessed participants with at least one unit used. */
  participantsUsed: number;
  reason: StatisticNullReason | null;
};

export type OutlierFlag = {
  participantId: string;
  componentId: string;
  memberId: string;
  value: number;
  othersMean: number;
  /** value − othersMean: positive when the member scored above the rest of the panel. */
  difference: number;
};

export type ZScoreMemberStats = { memberId: string; mean: number | null; sd: number | null; n: number };

/** z-score method only: the scale each component was normalised on, so a report can explain its numbers. */
export type ComponentNormalisation = {
  componentId: string;
  grandMean: number | null;
  meanSd: number | null;
  members: ZScoreMemberStats[];
};

export type LevelTarget = { letter: string; descriptor: LocalText };

export type IndicatorFeedback = {
  indicatorId: string;
  code: string;
  componentId: string;
  aksi: AksiNumber | null;
  /** Mean of the counted members' letter values (e.g. 3.33 on A=4…D=1). */
  meanLetterValue: number | null;
  /** The level whose value is nearest the mean, ties to the lower level. */
  reached: LevelTarget | null;
  /** One level better than reached; null at the top level. */
  target: LevelTarget | null;
  /** 0–100 indicator score, and the cohort median of it. */
  score: number | null;
  cohortMedian: number | null;
};

export type AksiFeedback = {
  aksi: AksiNumber;
  value: number | null;
  cohortMedian: number | null;
  /** Mid-rank percentile within the cohort (see `midRankPercentile`). */
  percentile: number | null;
  cohortSize: number;
};

export type PanelNote = { memberId: string; text: string };

export type ParticipantFeedback = {
  participantId: string;
  /** The assessed participants of the same ranking group. */
  cohort: string;
  indicators: IndicatorFeedback[];
  aksi: AksiFeedback[];
  strengths: PanelNote[];
  recommendations: PanelNote[];
};

export type Results = {
  editionId: string;
  rubricId: string;
  rubricVersion: number;
  /** The settings in force, echoed so every report can print them. */
  settings: EditionSettings;
  /** In the order of the input participants. */
  participants: ParticipantResult[];
  /** In order of first appearance among the input participants. */
  groups: RankingGroupResult[];
  awards: AwardResult[];
  agreement: ComponentAgreement[];
  outliers: OutlierFlag[];
  normalisation: ComponentNormalisation[];
  needsReview: NeedsReviewItem[];
  warnings: ResultWarning[];
};

/**
 * Results with every district's feedback (compute-feedback.ts `withFeedback`): what the
 * results API answers, publications store and feedback letters read. Plain `Results`
 * leave it out: the screens that rank and moderate never read it, and at national scale
 * it is four tenths of the output.
 */
export type ResultsWithFeedback = Results & { feedback: ParticipantFeedback[] };
