/*
 * Plain agreement bands for people who do not read statistics: buruk, sedang,
 * baik, sangat baik (the UI translates the band key). Each statistic keeps its
 * own published thresholds, stated here and in the README, so a band never
 * claims more than its source does.
 */
import { type IccInterpretation, interpretIcc } from "./statistics.ts";

/** poor = buruk, moderate = sedang, good = baik, excellent = sangat baik. */
export type AgreementBand = IccInterpretation;

/**
 * Krippendorff (2004, 2011): α ≥ 0.800 supports conclusions, 0.667 ≤ α < 0.800
 * only tentative ones. Below 0.667 poor, 0.667–0.800 moderate, 0.800–0.900
 * good, 0.900 and above excellent.
 */
export const alphaBand = (alpha: number): AgreementBand => {
  if (alpha < 0.667) return "poor";
  if (alpha < 0.8) return "moderate";
  if (alpha < 0.9) return "good";
  return "excellent";
};

/** Schmidt (1997) for Kendall's W: below 0.3 weak (poor), 0.3–0.5 moderate, 0.5–0.7 good, 0.7 and above strong (excellent). */
export const kendallWBand = (w: number): AgreementBand => {
  if (w < 0.3) return "poor";
  if (w < 0.5) return "moderate";
  if (w < 0.7) return "good";
  return "excellent";
};

/** Koo & Li (2016), as `interpretIcc`. */
export const iccBand = (icc: number): AgreementBand => interpretIcc(icc);

export const AGREEMENT_BANDS: readonly AgreementBand[] = ["poor", "moderate", "good", "excellent"];

/** True for the bands moderation lists as low agreement. */
export const isLowAgreement = (band: AgreementBand): boolean => band === "poor" || band === "moderate";
