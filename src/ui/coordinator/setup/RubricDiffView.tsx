import type { RubricChange, RubricDiff } from "../../../domain/rubric-diff.ts";
import { type MessageKey, pickText, type Translate, useApp, useT } from "../../../state/index.ts";

const KIND_KEY: Record<RubricChange["kind"], MessageKey> = {
  "component-added": "setup.diffComponentAdded",
  "component-removed": "setup.diffComponentRemoved",
  "component-renamed": "setup.diffComponentRenamed",
  weight: "setup.diffWeight",
  scale: "setup.diffScale",
  "indicator-added": "setup.diffIndicatorAdded",
  "indicator-removed": "setup.diffIndicatorRemoved",
  "indicator-text": "setup.diffIndicatorText",
  "indicator-code": "setup.diffIndicatorCode",
  levels: "setup.diffLevels",
  "level-text": "setup.diffLevelText",
  bands: "setup.diffBands",
  "max-points": "setup.diffMaxPoints",
};

const changeWords = (c: RubricChange, t: Translate, text: (x: { id: string; en?: string }) => string): string => {
  const key = KIND_KEY[c.kind];
  switch (c.kind) {
    case "component-added":
    case "component-removed":
      return t(key, { name: text(c.name) });
    case "component-renamed":
      return t(key, { from: text(c.from), to: text(c.to) });
    case "weight":
      return t(key, { name: text(c.name), from: c.from, to: c.to });
    case "scale":
      return t(key, { name: text(c.name), from: c.from, to: c.to });
    case "indicator-added":
    case "indicator-removed":
      return t(key, { code: c.code, text: text(c.text) });
    case "indicator-text":
      return t(key, { code: c.code, from: text(c.from), to: text(c.to) });
    case "indicator-code":
      return t(key, { from: c.from, to: c.to });
    case "levels":
      return t(key, { code: c.code, from: c.from.join(", "), to: c.to.join(", ") });
    case "level-text":
      return t(key, { code: c.code, letter: c.letter, from: text(c.from), to: text(c.to) });
    case "bands":
      return t(key, { code: c.code, from: c.from.length, to: c.to.length });
    case "max-points":
      return t(key, { code: c.code, from: c.from, to: c.to });
  }
};

type Props = { diff: RubricDiff; fromVersion: number };

/** What saving the changed rubric would change, and how many scores it sends to review. */
export const RubricDiffView = ({ diff, fromVersion }: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const text = (x: { id: string; en?: string }) => pickText(x, locale);
  return (
    <div data-testid="rubric-diff">
      <p>{t("setup.diffIntro", { from: fromVersion, to: fromVersion + 1 })}</p>
      <ul class="diff-list">
        {diff.changes.map((c, i) => (
          <li key={`${c.kind}-${i}`} class={`diff-${c.kind}`}>
            {changeWords(c, t, text)}
          </li>
        ))}
      </ul>
      <p class={diff.needsReview > 0 ? "callout callout-strong" : "muted"} data-testid="diff-needs-review">
        {diff.needsReview === 0 ? t("setup.diffNoReview") : t("setup.diffNeedsReview", { count: diff.needsReview })}
      </p>
    </div>
  );
};
