/*
 * What a coordinator should look at before publishing, in one list: sheets
 * far from the rest of their panel (outliers) and components whose panel
 * agrees poorly (Krippendorff's alpha in the bands buruk or sedang, or no
 * alpha at all). Invariant: items are ordered by how much they matter —
 * every outlier by distance, largest first, then components by band, worst
 * first — with ids as the final tie-break, so the list never reshuffles.
 */
import { AGREEMENT_BANDS, type AgreementBand, isLowAgreement } from "./agreement-bands.ts";
import type { Results } from "./results.ts";
import type { StatisticNullReason } from "./statistics.ts";

export type ModerationItem =
  | {
      kind: "outlier";
      participantId: string;
      memberId: string;
      componentId: string;
      value: number;
      othersMean: number;
      /** Signed: positive when the member scored above the rest. */
      difference: number;
    }
  | {
      kind: "low-agreement";
      componentId: string;
      band: AgreementBand | null;
      alpha: number | null;
      pairableValues: number;
      reason: StatisticNullReason | null;
    };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const moderationItems = (results: Pick<Results, "outliers" | "agreement">): ModerationItem[] => {
  const outliers: ModerationItem[] = [...results.outliers]
    .sort(
      (a, b) =>
        Math.abs(b.difference) - Math.abs(a.difference) ||
        byId(a.participantId, b.participantId) ||
        byId(a.componentId, b.componentId) ||
        byId(a.memberId, b.memberId),
    )
    .map((o) => ({ kind: "outlier", ...o }));
  const rank = (band: AgreementBand | null) => (band === null ? -1 : AGREEMENT_BANDS.indexOf(band));
  const low: ModerationItem[] = results.agreement
    .filter((a) => a.alpha.band === null || isLowAgreement(a.alpha.band))
    .sort((a, b) => rank(a.alpha.band) - rank(b.alpha.band) || byId(a.componentId, b.componentId))
    .map((a) => ({
      kind: "low-agreement",
      componentId: a.componentId,
      band: a.alpha.band,
      alpha: a.alpha.value,
      pairableValues: a.alpha.pairableValues,
      reason: a.alpha.reason,
    }));
  return [...outliers, ...low];
};
