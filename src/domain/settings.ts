import type { EditionSettings } from "./types.ts";

/** The defaults the domain brief calls sensible; every report prints the settings in force. */
export const defaultSettings = (): EditionSettings => ({
  letterValues: { A: 4, B: 3, C: 2, D: 1 },
  levelScaling: "x-over-max",
  rollUp: "per-aksi",
  combine: { method: "mean" },
  precision: 2,
  tieBreak: [],
  awards: [{ kind: "best-n", n: 3 }],
  outliers: { thresholdPoints: 20 },
});
