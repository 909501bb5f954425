import { useState } from "preact/hooks";
import type { Member } from "../../../domain/types.ts";
import { createJoinCode, useCoordinator } from "../../../state/coordinator.ts";
import { formatTime, pickText, useApp, useT } from "../../../state/index.ts";
import { Modal } from "../../components/Modal.tsx";
import { QrCode } from "./QrCode.tsx";

/** Absolute join link for a code; the tablet's router takes `#/join/<code>`. */
const joinLink = (joinUrl: string): string => `${location.origin}/${joinUrl.replace(/^\//, "")}`;

/**
 * The printable A4 join sheet: a card per member with name, role, QR code of the join
 * link, the code in large letters and its expiry. Print CSS hides the app around it.
 */
export const JoinSheet = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const bundle = useCoordinator((s) => s.bundle);
  const joinCodes = useCoordinator((s) => s.joinCodes);
  const devices = useCoordinator((s) => s.devices);
  const busy = useCoordinator((s) => s.busy);
  const [confirming, setConfirming] = useState<Member[] | null>(null);
  if (!bundle) return null;
  const members = bundle.members.filter((m) => m.assignments.length > 0);
  const missing = members.filter((m) => !joinCodes[m.id]);
  // No usable code: say whether the member's tablet has joined already (a new code is then only for a spare).
  const noCodeText = (memberId: string) => {
    const joined = devices.filter((d) => d.memberId === memberId && d.revokedAt === null).map((d) => d.name);
    return joined.length > 0 ? t("setup.joinedWith", { names: joined.join(", ") }) : t("setup.noCodeYet");
  };
  const create = async (list: Member[]) => {
    setConfirming(null);
    for (const m of list) await createJoinCode(m.id);
  };
  return (
    <section class="panel join-sheet" aria-labelledby="join-sheet-title">
      <div class="toolbar no-print">
        <h3 id="join-sheet-title" class="grow">
          {t("setup.joinSheetHeading")}
        </h3>
        <button
          type="button"
          class="button"
          disabled={busy || members.length === 0}
          onClick={() => setConfirming(missing.length > 0 ? missing : members)}
        >
          {missing.length > 0 ? t("setup.createCodes", { count: missing.length }) : t("setup.renewCodes")}
        </button>
        <button
          type="button"
          class="button button-primary"
          disabled={missing.length === members.length}
          onClick={() => window.print()}
        >
          {t("setup.print")}
        </button>
      </div>
      <p class="muted no-print">{t("setup.joinSheetHelp")}</p>
      <h2 class="print-only">{pickText(bundle.edition.title, locale)}</h2>
      <div class="join-cards" data-testid="join-cards">
        {members.map((m) => {
          const code = joinCodes[m.id];
          return (
            <article class="join-card" key={m.id} data-testid={`join-card-${m.id}`}>
              <h4>{m.name}</h4>
              <p>
                {t(`role.${m.role}`)}
                {m.agency ? ` · ${m.agency}` : ""}
              </p>
              {code ? (
                <>
                  <QrCode text={joinLink(code.joinUrl)} label={t("setup.qrLabel", { name: m.name })} />
                  <p class="join-code-large">{code.code}</p>
                  <p class="muted">{t("setup.expires", { time: formatTime(locale, code.expiresAt) })}</p>
                  <p class="join-link">{joinLink(code.joinUrl)}</p>
                </>
              ) : (
                <p class="muted">{noCodeText(m.id)}</p>
              )}
            </article>
          );
        })}
      </div>
      {confirming ? (
        <Modal title={t("setup.confirmCodesTitle")} onClose={() => setConfirming(null)} testId="confirm-codes">
          <p>{t("setup.confirmCodes", { count: confirming.length })}</p>
          <p class="callout callout-strong">{t("setup.oldCodeStops")}</p>
          <div class="toolbar">
            <button type="button" class="button" onClick={() => setConfirming(null)}>
              {t("setup.cancel")}
            </button>
            <button type="button" class="button button-primary" onClick={() => void create(confirming)}>
              {t("setup.confirmCreate")}
            </button>
          </div>
        </Modal>
      ) : null}
    </section>
  );
};
