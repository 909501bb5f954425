import { AWARD_CATEGORIES } from "../../../domain/schema-core.ts";
import type { AwardRule, CombineMethod, EditionSettings, Rubric, TieBreakKey } from "../../../domain/types.ts";
import { updateDraft, useSetup } from "../../../state/edition-setup.ts";
import { formatNumber, type MessageKey, pickText, useApp, useT } from "../../../state/index.ts";
import { CategoryRuleFields, indicatorRuleFor } from "./CategoryRuleFields.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { CheckedTextField, FieldMessages } from "./FieldMessages.tsx";
import { ItemControls } from "./ItemControls.tsx";
import { moveBy, removeAt, replaceAt } from "./list-edit.ts";

const patchSettings = (p: Partial<EditionSettings>) =>
  updateDraft((d) => ({ ...d, edition: { ...d.edition, settings: { ...d.edition.settings, ...p } } }));

const sel = (e: Event) => (e.currentTarget as HTMLSelectElement).value;

const COMBINE_HELP: Record<CombineMethod["method"], MessageKey> = {
  mean: "setup.combineMeanHelp",
  "trimmed-mean": "setup.combineTrimmedHelp",
  "z-score": "setup.combineZHelp",
  consensus: "setup.combineConsensusHelp",
};

/** The rules that turn scores into results, each with one line on what it does. */
export const SettingsForm = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const draft = useSetup((s) => s.draft);
  const errors = useSetup((s) => s.errors);
  if (!draft) return null;
  const { settings } = draft.edition;
  const letters = Object.entries(settings.letterValues);
  const combine = settings.combine;
  const setCombine = (method: CombineMethod["method"]) => {
    const first = draft.members[0]?.id ?? "";
    const next: CombineMethod =
      method === "trimmed-mean" ? { method, k: 1 } : method === "consensus" ? { method, memberId: first } : { method };
    patchSettings({ combine: next });
  };
  return (
    <section class="panel settings-form" aria-labelledby="settings-title">
      <h3 id="settings-title">{t("setup.settingsHeading")}</h3>

      <fieldset class="field">
        <legend>{t("setup.letterValues")}</legend>
        <p class="muted">{t("setup.letterValuesHelp")}</p>
        <div class="field-row">
          {letters.map(([letter, v]) => (
            <TextField
              key={letter}
              id={`letter-${letter}`}
              label={letter}
              class="field-narrow"
              value={v}
              onValue={(x) => patchSettings({ letterValues: { ...settings.letterValues, [letter]: Number(x) } })}
              input={{ type: "number", inputMode: "decimal" }}
            />
          ))}
        </div>
        <FieldMessages errors={errors} path="edition.settings.letterValues" below />
      </fieldset>

      <div class="field">
        <span class="label">{t("setup.levelScaling")}</span>
        <p class="muted">{t("setup.levelScalingHelp")}</p>
      </div>

      <div class="field">
        <label for="rollup">{t("setup.rollUp")}</label>
        <select
          id="rollup"
          value={settings.rollUp}
          onChange={(e) => patchSettings({ rollUp: sel(e) as EditionSettings["rollUp"] })}
        >
          <option value="per-aksi">{t("setup.rollUpAksi")}</option>
          <option value="per-indicator">{t("setup.rollUpIndicator")}</option>
        </select>
        <p class="muted" data-testid="rollup-help">
          {t(settings.rollUp === "per-aksi" ? "setup.rollUpAksiHelp" : "setup.rollUpIndicatorHelp")}
        </p>
      </div>

      <div class="field">
        <label for="combine">{t("setup.combine")}</label>
        <select id="combine" value={combine.method} onChange={(e) => setCombine(sel(e) as CombineMethod["method"])}>
          <option value="mean">{t("setup.combineMean")}</option>
          <option value="trimmed-mean">{t("setup.combineTrimmed")}</option>
          <option value="z-score">{t("setup.combineZ")}</option>
          <option value="consensus">{t("setup.combineConsensus")}</option>
        </select>
        <p class="muted" data-testid="combine-help">
          {t(COMBINE_HELP[combine.method], { k: combine.method === "trimmed-mean" ? combine.k : 1 })}
        </p>
        {combine.method === "trimmed-mean" ? (
          <CheckedTextField
            id="combine-k"
            label={t("setup.trimK")}
            class="field-narrow"
            value={combine.k}
            onValue={(x) => patchSettings({ combine: { method: "trimmed-mean", k: Number(x) } })}
            input={{ type: "number", inputMode: "numeric", min: 1 }}
            errors={errors}
            path="edition.settings.combine.k"
          />
        ) : null}
        {combine.method === "consensus" ? (
          <SelectField
            id="combine-member"
            label={t("setup.consensusMember")}
            value={combine.memberId}
            onValue={(memberId) => patchSettings({ combine: { method: "consensus", memberId } })}
            options={draft.members.map((m) => [m.id, m.name] as const)}
          />
        ) : null}
      </div>

      <TextField
        id="precision"
        label={t("setup.precision")}
        class="field-narrow"
        value={settings.precision}
        onValue={(x) => patchSettings({ precision: Number(x) })}
        input={{ type: "number", inputMode: "numeric", min: 0, max: 4 }}
      >
        <p class="muted">{t("setup.precisionHelp", { example: formatNumber(locale, 81.6, settings.precision) })}</p>
        <FieldMessages errors={errors} path="edition.settings.precision" />
      </TextField>

      <TieBreakEditor />

      <fieldset class="field">
        <legend>{t("setup.awards")}</legend>
        <p class="muted">{t("setup.awardsHelp")}</p>
        {settings.awards.map((rule, i) => (
          <div class="field-row" key={`${rule.kind}-${i}`}>
            <p class="grow">{awardWords(rule, t, (id) => indicatorName(draft.rubric, id))}</p>
            {rule.kind === "best-n" ? (
              <TextField
                id={`award-${i}-n`}
                label={t("setup.bestN")}
                class="field-narrow"
                value={rule.n}
                onValue={(x) =>
                  patchSettings({ awards: replaceAt(settings.awards, i, { kind: "best-n", n: Number(x) }) })
                }
                input={{ type: "number", min: 1 }}
              />
            ) : (
              <CategoryRuleFields rule={rule} index={i} />
            )}
            <button
              type="button"
              class="button button-quiet"
              aria-label={t("setup.remove", { item: awardWords(rule, t, (id) => id) })}
              onClick={() => patchSettings({ awards: removeAt(settings.awards, i) })}
            >
              ✕
            </button>
          </div>
        ))}
        <div class="toolbar">
          {!settings.awards.some((a) => a.kind === "best-n") ? (
            <button
              type="button"
              class="button"
              onClick={() => patchSettings({ awards: [...settings.awards, { kind: "best-n", n: 3 }] })}
            >
              {t("setup.addBestN")}
            </button>
          ) : null}
          {AWARD_CATEGORIES.filter((c) => !settings.awards.some((a) => a.kind !== "best-n" && a.category === c)).map(
            (category) => (
              <button
                key={category}
                type="button"
                class="button"
                onClick={() => patchSettings({ awards: [...settings.awards, { kind: "nomination-count", category }] })}
              >
                {t("setup.addNominationAward", { category: t(`nominate.${category}`) })}
              </button>
            ),
          )}
          {AWARD_CATEGORIES.filter((c) => !settings.awards.some((a) => a.kind !== "best-n" && a.category === c)).map(
            (category) => (
              <button
                key={`${category}-indicators`}
                type="button"
                class="button"
                onClick={() => patchSettings({ awards: [...settings.awards, indicatorRuleFor(category)] })}
              >
                {t("setup.addIndicatorAward", { category: t(`nominate.${category}`) })}
              </button>
            ),
          )}
        </div>
      </fieldset>
    </section>
  );
};

const indicatorName = (rubric: Rubric, id: string) =>
  rubric.components.flatMap((c) => c.indicators).find((i) => i.id === id)?.code ?? id;

const awardWords = (rule: AwardRule, t: ReturnType<typeof useT>, indicator: (id: string) => string): string => {
  if (rule.kind === "best-n") return t("setup.awardBestN", { n: rule.n });
  if (rule.kind === "nomination-count")
    return t("setup.awardNominations", { category: t(`nominate.${rule.category}`) });
  return t("setup.awardIndicatorRule", {
    category: t(`nominate.${rule.category}`),
    indicators: rule.indicatorIds.map(indicator).join(", "),
  });
};

/** The ordered tie-break chain: the first key that separates two equal totals decides. */
const TieBreakEditor = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const draft = useSetup((s) => s.draft);
  const fieldErrs = useSetup((s) => s.errors);
  if (!draft) return null;
  const chain = draft.edition.settings.tieBreak;
  const keyWords = (k: TieBreakKey): string => {
    if (k.kind === "aksi") return t("setup.aksiN", { n: k.aksi });
    if (k.kind === "component") {
      const c = draft.rubric.components.find((x) => x.id === k.componentId);
      return c ? pickText(c.name, locale) : k.componentId;
    }
    return t("setup.indicatorN", { code: indicatorName(draft.rubric, k.indicatorId) });
  };
  const options: TieBreakKey[] = [
    ...draft.rubric.components.map((c): TieBreakKey => ({ kind: "component", componentId: c.id })),
    ...draft.edition.aksiInScope.map((aksi): TieBreakKey => ({ kind: "aksi", aksi })),
  ].filter((o) => !chain.some((k) => JSON.stringify(k) === JSON.stringify(o)));
  return (
    <fieldset class="field" data-testid="tie-break">
      <legend>{t("setup.tieBreak")}</legend>
      <p class="muted">{t("setup.tieBreakHelp")}</p>
      {chain.length === 0 ? <p>{t("setup.tieBreakNone")}</p> : null}
      <ol>
        {chain.map((k, i) => (
          <li key={JSON.stringify(k)}>
            {keyWords(k)}
            <ItemControls
              label={keyWords(k)}
              index={i}
              count={chain.length}
              onMove={(by) => patchSettings({ tieBreak: moveBy(chain, i, by) })}
              onRemove={() => patchSettings({ tieBreak: removeAt(chain, i) })}
            />
          </li>
        ))}
      </ol>
      {options.length > 0 ? (
        <div class="field">
          <label for="tie-add">{t("setup.tieBreakAdd")}</label>
          <select
            id="tie-add"
            value=""
            onChange={(e) => {
              const picked = options[Number(sel(e))];
              if (picked) patchSettings({ tieBreak: [...chain, picked] });
            }}
          >
            <option value="">{t("setup.choose")}</option>
            {options.map((o, i) => (
              <option key={JSON.stringify(o)} value={i}>
                {keyWords(o)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <FieldMessages errors={fieldErrs} path="edition.settings.tieBreak" below />
    </fieldset>
  );
};
