import type { PeerLearning } from "../../domain/peer-learning.ts";
import { type MessageKey, pickText, useApp, useT } from "../../state/index.ts";
import { NoteList } from "./NoteList.tsx";

/**
 * Whom to learn from: per indicator the districts at the top level, and the special awards with reasons.
 * `framed`: a panel of its own on screen; false inside a printable page, which is the frame.
 */
export const PeerLearningView = ({ peers, framed = true }: { peers: PeerLearning; framed?: boolean }) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  return (
    <section class={framed ? "panel" : undefined} aria-labelledby="peers-title" data-testid="peer-learning">
      <h3 id="peers-title">{t("doc.peers.heading")}</h3>
      <p class="muted">{t("doc.peers.intro")}</p>
      {peers.awards.length > 0 ? (
        <>
          <h4>{t("doc.peers.awardsHeading")}</h4>
          <ul>
            {peers.awards.map((a) => (
              <li key={`${a.rule}-${a.category}`}>
                <strong>{t(`nominate.${a.category}` as MessageKey)}</strong>
                <ul>
                  {a.winners.map((w) => (
                    <li key={w.participantId}>
                      {w.name}
                      {w.reasons.length > 0 ? <NoteList notes={w.reasons} /> : null}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ul class="plain-list">
        {peers.indicators.map((i) => (
          <li key={i.indicatorId} data-testid={`peer-${i.code}`}>
            <strong>
              {t("doc.peers.indicator", { code: i.code, text: pickText(i.text, locale), letter: i.top.letter })}
            </strong>
            {i.reachedTop.length === 0 ? (
              <p class="muted">{t("doc.peers.nobody")}</p>
            ) : (
              <ul>
                {i.reachedTop.map((d) => (
                  <li key={d.participantId}>
                    {d.name}
                    {d.evidence.length > 0 ? <NoteList notes={d.evidence} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};
