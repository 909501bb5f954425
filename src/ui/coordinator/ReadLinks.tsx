import { useState } from "preact/hooks";
import { formatTime, useApp, useT } from "../../state/index.ts";
import {
  createReadLink,
  type ReadLinkInfo,
  readLinkUrl,
  revokeReadLink,
  usePublication,
} from "../../state/publication-actions.ts";
import { Modal, ModalActions } from "../components/Modal.tsx";

type Target = { key: string; name: string; participantId: string | null };

const matches = (link: ReadLinkInfo, target: Target) =>
  link.revokedAt === null &&
  (target.participantId === null
    ? link.kind === "observer"
    : link.kind === "district" && link.participantId === target.participantId);

/** One edition-wide observer link and one link per district: make, copy, revoke (confirmed first). */
export const ReadLinks = ({
  editionId,
  participants,
}: {
  editionId: string;
  participants: readonly { id: string; name: string }[];
}) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const links = usePublication((s) => s.links);
  const tokens = usePublication((s) => s.tokens);
  const busy = usePublication((s) => s.busy);
  const [revoking, setRevoking] = useState<{ link: ReadLinkInfo; name: string } | null>(null);
  const [copied, setCopied] = useState<{ id: string; ok: boolean } | null>(null);
  const targets: Target[] = [
    { key: "observer", name: t("doc.links.observer"), participantId: null },
    ...participants.map((p) => ({ key: p.id, name: p.name, participantId: p.id })),
  ];
  const copy = (id: string, url: string) => {
    const done = (ok: boolean) => setCopied({ id, ok });
    if (!navigator.clipboard) return done(false);
    navigator.clipboard.writeText(url).then(
      () => done(true),
      () => done(false),
    );
  };
  return (
    <section class="panel" aria-labelledby="links-title" data-testid="read-links">
      <h3 id="links-title">{t("doc.links.heading")}</h3>
      <p class="muted">{t("doc.links.intro")}</p>
      <ul class="plain-list">
        {targets.map((target) => {
          const active = links.filter((l) => matches(l, target));
          return (
            <li key={target.key} data-testid={`link-${target.key}`}>
              <h4>{target.name}</h4>
              {active.length === 0 ? (
                <p>
                  <button
                    type="button"
                    class="button"
                    disabled={busy}
                    onClick={() =>
                      void createReadLink(
                        editionId,
                        target.participantId === null
                          ? { kind: "observer" }
                          : { kind: "district", participantId: target.participantId },
                      )
                    }
                  >
                    {t("doc.links.create")}
                  </button>
                </p>
              ) : null}
              {active.map((link) => {
                const token = tokens[link.id];
                const url = token ? readLinkUrl(token) : null;
                const inputId = `link-url-${link.id}`;
                return (
                  <div key={link.id} class="join-row">
                    {url ? (
                      <div class="field grow">
                        <label for={inputId}>{t("doc.links.address", { name: target.name })}</label>
                        <input
                          id={inputId}
                          type="text"
                          readOnly
                          value={url}
                          onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
                        />
                      </div>
                    ) : (
                      <p class="muted grow">{t("doc.links.elsewhere")}</p>
                    )}
                    <span class="muted">{t("doc.links.createdAt", { date: formatTime(locale, link.createdAt) })}</span>
                    {url ? (
                      <button type="button" class="button" onClick={() => copy(link.id, url)}>
                        {t("doc.links.copy")}
                      </button>
                    ) : null}
                    <button
                      type="button"
                      class="button"
                      disabled={busy}
                      onClick={() => setRevoking({ link, name: target.name })}
                    >
                      {t("doc.links.revoke")}
                    </button>
                    {copied?.id === link.id ? (
                      <p role="status" class={copied.ok ? "muted" : "field-error"}>
                        {copied.ok ? t("doc.links.copied") : t("doc.links.copyFailed")}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </li>
          );
        })}
      </ul>
      {revoking ? (
        <Modal
          title={t("doc.links.revokeTitle", { name: revoking.name })}
          onClose={() => setRevoking(null)}
          testId="confirm-revoke-link"
        >
          <p>{t("doc.links.revokeBody")}</p>
          <ModalActions
            cancel={t("doc.links.cancel")}
            confirm={t("doc.links.revoke")}
            onCancel={() => setRevoking(null)}
            onConfirm={() => {
              const id = revoking.link.id;
              setRevoking(null);
              void revokeReadLink(editionId, id);
            }}
          />
        </Modal>
      ) : null}
    </section>
  );
};
