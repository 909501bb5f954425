import type { BeritaAcara, BeritaAcaraAward } from "../../domain/berita-acara.ts";
import { AKSI_NAMES } from "../../domain/templates/index.ts";
import type { AksiNumber } from "../../domain/types.ts";
import {
  formatLongDate,
  formatNumber,
  type MessageKey,
  pickText,
  type Translate,
  useApp,
  useT,
} from "../../state/index.ts";
import { DocumentHeader } from "./DocumentHeader.tsx";
import { NoteList } from "./NoteList.tsx";
import { PrintableDocument } from "./PrintableDocument.tsx";
import { RulesList } from "./RulesList.tsx";
import { TableHead } from "./TableHead.tsx";

/** The Berita Acara / Hasil Penilaian Kinerja, print-ready. */
export const BeritaAcaraDocument = ({ ba }: { ba: BeritaAcara }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const decimals = ba.rules.precision;
  const dates =
    ba.startDate === ba.endDate
      ? formatLongDate(locale, ba.startDate)
      : `${formatLongDate(locale, ba.startDate)} – ${formatLongDate(locale, ba.endDate)}`;
  const assessed = ba.participants.filter((p) => !p.observer).length;
  const opening =
    locale === "id" && ba.opening
      ? t("doc.ba.openingWords", { ...ba.opening, venue: ba.venue, period: ba.periodAssessed })
      : t("doc.ba.openingDate", {
          date: formatLongDate(locale, ba.startDate),
          venue: ba.venue,
          period: ba.periodAssessed,
        });
  return (
    <PrintableDocument label={t("doc.ba.heading")}>
      <article class="doc-page" data-testid="berita-acara" aria-labelledby="ba-title">
        <DocumentHeader
          edition={{ title: ba.title, provinceName: ba.provinceName, year: ba.year, isSample: ba.isSample }}
          publication={
            ba.publicationVersion === null || ba.contentHash === null
              ? null
              : { version: ba.publicationVersion, contentHash: ba.contentHash }
          }
        />
        <h2 class="doc-title" id="ba-title">
          {t("doc.ba.heading")}
        </h2>
        <p class="doc-subtitle">{t("doc.ba.subheading", { province: ba.provinceName, year: ba.year })}</p>
        <p data-testid="ba-opening">{opening}</p>

        <h3>{t("doc.ba.conductHeading")}</h3>
        <ul>
          <li>{t("doc.ba.dates", { dates })}</li>
          <li>{t("doc.ba.mode", { mode: t(`doc.mode.${ba.mode}` as MessageKey) })}</li>
          <li>{t("doc.ba.venue", { venue: ba.venue })}</li>
          <li>
            {t("doc.ba.participants", { assessed, observers: ba.participants.length - assessed })}:{" "}
            {ba.participants.map((p) => (p.observer ? `${p.name} (${t("doc.ba.observerMark")})` : p.name)).join(", ")}
          </li>
          <li>
            {t("doc.ba.panel", { count: ba.panel.length })}:{" "}
            {ba.panel.map((m) => `${m.name} (${t(`role.${m.role}` as MessageKey)}, ${m.agency})`).join("; ")}
          </li>
        </ul>

        <h3>{t("doc.ba.scopeHeading")}</h3>
        <p>{t("doc.ba.scopeAksi")}</p>
        <ul data-testid="ba-scope">
          {ba.aksiInScope.map((n) => (
            <li key={n}>{t("doc.ba.aksiLine", { number: n, name: pickText(AKSI_NAMES[n as AksiNumber], locale) })}</li>
          ))}
        </ul>

        <h3>{t("doc.ba.resultsHeading")}</h3>
        {ba.groups.map((g) => (
          <section key={g.group} data-testid={`ba-group-${g.group}`}>
            <h4>{t("doc.ba.group", { group: g.group })}</h4>
            {/* A group of observers only (peninjau) has nobody ranked: no empty table, just who attended. */}
            {g.ranked.length === 0 && g.incomplete.length === 0 ? null : (
              <table>
                <TableHead columns={["#doc.col.rank", "doc.col.name", "doc.col.code", "#doc.col.total"]} />
                <tbody>
                  {g.ranked.map((r) => (
                    <tr key={r.regionCode + r.name}>
                      <td class="num">
                        {r.rank}
                        {r.shared ? ` (${t("doc.shared")})` : null}
                      </td>
                      <td>
                        {r.name}
                        {r.tieBreakApplied && !r.shared ? ` (${t("doc.tieBreak")})` : null}
                      </td>
                      <td>{r.regionCode}</td>
                      <td class="num">{formatNumber(locale, r.total, decimals)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {g.incomplete.length > 0 ? <p>{t("doc.ba.incomplete", { names: g.incomplete.join(", ") })}</p> : null}
            {g.observers.length > 0 ? <p>{t("doc.ba.observers", { names: g.observers.join(", ") })}</p> : null}
          </section>
        ))}

        <h3>{t("doc.ba.awardsHeading")}</h3>
        <ul data-testid="ba-awards">
          {ba.awards.map((a) => (
            <AwardItem key={a.kind === "best-n" ? `best-${a.group}` : `${a.kind}-${a.category}`} award={a} t={t} />
          ))}
        </ul>

        <h3>{t("doc.ba.recommendationsHeading")}</h3>
        {ba.recommendations.length === 0 ? (
          <p>{t("doc.ba.noRecommendations")}</p>
        ) : (
          <ul data-testid="ba-recommendations">
            {ba.recommendations.map((r) => (
              <li key={r.name}>
                <strong>{r.name}</strong>
                <NoteList notes={r.notes} />
              </li>
            ))}
          </ul>
        )}

        <h3>{t("doc.ba.rulesHeading")}</h3>
        <RulesList method={ba.rules} tieBreakCount={ba.rules.tieBreak.length} rubricVersion={ba.rules.rubricVersion} />

        {/* The closing, place and date, "Tim Penilai" and the signatures print as one block: a heading left at
            the foot of a page with the signatures overleaf is a page nobody can sign. */}
        <section class="doc-closing" data-testid="ba-closing">
          <p>{t("doc.ba.closing")}</p>
          <p>{t("doc.ba.signPlace", { place: ba.venue, date: formatLongDate(locale, ba.endDate) })}</p>
          <h4>{t("doc.ba.signHeading")}</h4>
          <div class="doc-signatures" data-testid="ba-signatures">
            {ba.signatures.map((s) => (
              <div class="doc-signature" key={s.name}>
                <span>{t(`role.${s.role}` as MessageKey)}</span>
                <span class="doc-sign-name">
                  {s.name}
                  <br />
                  <span class="doc-meta">{s.agency}</span>
                </span>
              </div>
            ))}
          </div>
        </section>
      </article>
    </PrintableDocument>
  );
};

const AwardItem = ({ award, t }: { award: BeritaAcaraAward; t: Translate }) => {
  if (award.kind === "best-n") {
    return (
      <li>
        {t("doc.ba.bestN", { n: award.n, group: award.group })}
        {award.winners.length === 0 ? (
          ` ${t("doc.ba.noWinner")}`
        ) : (
          <ol>
            {award.winners.map((w) => (
              <li key={w.name} value={w.rank}>
                {w.name}
              </li>
            ))}
          </ol>
        )}
      </li>
    );
  }
  const category = t(`nominate.${award.category}` as MessageKey);
  return (
    <li>
      {award.kind === "nomination" ? category : t("doc.letter.awardRule", { category })}
      {award.winners.length === 0 ? (
        ` ${t("doc.ba.noWinner")}`
      ) : (
        <ul>
          {award.winners.map((w) => (
            <li key={w.name}>
              {w.name}
              <NoteList notes={w.reasons} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
};
