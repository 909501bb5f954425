/*
 * The export workbook as plain tables: one sheet per ranking group, every
 * grade in long format, awards, agreement, and the rules in force. XLSX and
 * CSV are both written from these tables, so the two cannot disagree.
 * Invariants: numbers keep full precision (the display precision travels as
 * `decimals` for formatting only); a missing value is an empty cell, never 0;
 * headings come from the caller's catalogue (the domain knows no language).
 */
import { type AgreementBand, kendallWBand } from "./agreement-bands.ts";
import type { AwardResult, Results } from "./results.ts";
import type { EditionBundle } from "./types.ts";

export type ExportCell = string | number | boolean | null;

export type ExportSheet = {
  /** Unique, at most 31 characters, none of [ ] : * ? / \ (Excel's rules). */
  name: string;
  /** The first row is the header. */
  rows: ExportCell[][];
  /** Decimals to show for number cells (the edition's display precision). */
  decimals: number;
};

export const EXPORT_HEADINGS = [
  "sheetScores",
  "sheetAwards",
  "sheetAgreement",
  "sheetRules",
  "rank",
  "sharedRank",
  "tieBreak",
  "status",
  "regionCode",
  "participant",
  "group",
  "total",
  "component",
  "indicator",
  "aksi",
  "member",
  "level",
  "points",
  "note",
  "recused",
  "award",
  "reason",
  "metric",
  "alpha",
  "band",
  "pairable",
  "units",
  "participantsUsed",
  "icc21",
  "icc2k",
  "icc3k",
  "kendallW",
  "kendallWBand",
  "rowsUsed",
  "rowsDropped",
  "rule",
  "value",
  "statusRanked",
  "statusIncomplete",
  "statusObserver",
] as const;

export type ExportHeading = (typeof EXPORT_HEADINGS)[number];

/** Headings, and the agreement bands' words (buruk … sangat baik), from the caller's catalogue. */
export type ExportLabels = (key: ExportHeading | `band.${AgreementBand}`) => string;

const FORBIDDEN = /[[\]:*?/\\]/g;

/** Excel sheet names: forbidden characters replaced, 31 characters, unique. */
export const sheetNames = (wanted: readonly string[]): string[] => {
  const used = new Set<string>();
  return wanted.map((name) => {
    const base = (name.replace(FORBIDDEN, "-").trim() || "Sheet").slice(0, 31);
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
};

export const buildWorkbook = (bundle: EditionBundle, results: Results, label: ExportLabels): ExportSheet[] => {
  const decimals = results.settings.precision;
  const byId = new Map(results.participants.map((p) => [p.participantId, p]));
  const components = bundle.rubric.components;
  const componentName = new Map(components.map((c) => [c.id, c.name.id]));
  const groupSheets = results.groups.map((g) => {
    const rows: ExportCell[][] = [
      [
        label("rank"),
        label("sharedRank"),
        label("tieBreak"),
        label("status"),
        label("regionCode"),
        label("participant"),
        label("total"),
        ...components.map((c) => c.name.id),
      ],
    ];
    const line = (id: string, status: ExportHeading, rank: number | null, shared: boolean, tieBreak: boolean) => {
      const p = byId.get(id);
      if (!p) return;
      rows.push([
        rank,
        shared,
        tieBreak,
        label(status),
        p.regionCode,
        p.name,
        p.total,
        ...p.components.map((c) => c.value),
      ]);
    };
    for (const e of g.ranked) line(e.participantId, "statusRanked", e.rank, e.sharedWith.length > 0, e.tieBreakApplied);
    for (const id of g.incomplete) line(id, "statusIncomplete", null, false, false);
    for (const id of g.observers) line(id, "statusObserver", null, false, false);
    return { wanted: g.group, rows };
  });
  const names = sheetNames([
    ...groupSheets.map((s) => s.wanted),
    label("sheetScores"),
    label("sheetAwards"),
    label("sheetAgreement"),
    label("sheetRules"),
  ]);
  const sheet = (i: number, rows: ExportCell[][]): ExportSheet => ({ name: names[i] as string, rows, decimals });
  const G = groupSheets.length;
  return [
    ...groupSheets.map((s, i) => sheet(i, s.rows)),
    sheet(G, scoreRows(bundle, label)),
    sheet(G + 1, awardRows(results.awards, byId, label)),
    sheet(
      G + 2,
      agreementRows(results, label, (id) => componentName.get(id) ?? id),
    ),
    sheet(G + 3, ruleRows(bundle, results, label)),
  ];
};

/** Every grade and note, one row per (participant, indicator, member), in a stable order. */
export const scoreRows = (bundle: EditionBundle, label: ExportLabels): ExportCell[][] => {
  const participants = new Map(bundle.participants.map((p) => [p.id, p]));
  const members = new Map(bundle.members.map((m) => [m.id, m]));
  const indicators = new Map(
    bundle.rubric.components.flatMap((c) => c.indicators.map((i) => [i.id, { c, i }] as const)),
  );
  const recused = new Set(bundle.sheets.filter((s) => s.recused).map((s) => `${s.participantId}|${s.memberId}`));
  const rows: ExportCell[][] = [
    [
      label("regionCode"),
      label("participant"),
      label("group"),
      label("component"),
      label("indicator"),
      label("aksi"),
      label("member"),
      label("level"),
      label("points"),
      label("note"),
      label("recused"),
    ],
  ];
  const scores = bundle.scores
    .filter((s) => s.editionId === bundle.edition.id)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const s of scores) {
    const p = participants.get(s.participantId);
    const found = indicators.get(s.indicatorId);
    rows.push([
      p?.regionCode ?? s.participantId,
      p?.name ?? s.participantId,
      p?.rankingGroup ?? null,
      found?.c.name.id ?? s.componentId,
      found?.i.code ?? s.indicatorId,
      found?.i.aksi ?? null,
      members.get(s.memberId)?.name ?? s.memberId,
      s.level,
      s.points,
      s.note || null,
      recused.has(`${s.participantId}|${s.memberId}`),
    ]);
  }
  return rows;
};

const awardRows = (
  awards: readonly AwardResult[],
  byId: ReadonlyMap<string, { name: string; regionCode: string }>,
  label: ExportLabels,
): ExportCell[][] => {
  const rows: ExportCell[][] = [
    [label("award"), label("group"), label("rank"), label("regionCode"), label("participant"), label("reason")],
  ];
  const who = (id: string) => [byId.get(id)?.regionCode ?? id, byId.get(id)?.name ?? id];
  for (const a of awards) {
    if (a.kind === "best-n")
      for (const w of a.winners) rows.push([`best-${a.n}`, a.group, w.rank, ...who(w.participantId), null]);
    else if (a.kind === "nomination-count") {
      for (const w of a.winners) {
        rows.push([
          a.category,
          null,
          null,
          ...who(w.participantId),
          w.reasons.map((r) => r.reason).join(" | ") || null,
        ]);
      }
    } else for (const w of a.winners) rows.push([a.category, null, null, ...who(w.participantId), null]);
  }
  return rows;
};

const agreementRows = (results: Results, label: ExportLabels, name: (id: string) => string): ExportCell[][] => [
  [
    label("component"),
    label("metric"),
    label("alpha"),
    label("band"),
    label("pairable"),
    label("units"),
    label("participantsUsed"),
    label("icc21"),
    label("icc2k"),
    label("icc3k"),
    label("kendallW"),
    label("kendallWBand"),
    label("rowsUsed"),
    label("rowsDropped"),
  ],
  ...results.agreement.map((a) => [
    name(a.componentId),
    a.alpha.metric,
    a.alpha.value,
    a.alpha.band === null ? null : label(`band.${a.alpha.band}`),
    a.alpha.pairableValues,
    a.alpha.unitsUsed,
    a.alpha.participantsUsed,
    a.icc?.icc21?.value ?? null,
    a.icc?.icc2k?.value ?? null,
    a.icc?.icc3k?.value ?? null,
    a.kendallW?.w ?? null,
    a.kendallW ? label(`band.${kendallWBand(a.kendallW.w)}`) : null,
    a.rowsUsed,
    a.rowsDropped,
  ]),
];

/** The settings in force as key / value lines; values are JSON where they are structures. */
const ruleRows = (bundle: EditionBundle, results: Results, label: ExportLabels): ExportCell[][] => {
  const s = results.settings;
  return [
    [label("rule"), label("value")],
    ["rubric", `${bundle.rubric.name.id} v${results.rubricVersion}`],
    ...bundle.rubric.components.map((c): ExportCell[] => [`weight:${c.name.id}`, c.weight]),
    ["letterValues", JSON.stringify(s.letterValues)],
    ["levelScaling", s.levelScaling],
    ["rollUp", s.rollUp],
    ["combine", JSON.stringify(s.combine)],
    ["precision", s.precision],
    ["tieBreak", JSON.stringify(s.tieBreak)],
    ["awards", JSON.stringify(s.awards)],
    ["outliers.thresholdPoints", s.outliers.thresholdPoints],
  ];
};
