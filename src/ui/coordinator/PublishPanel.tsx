import { useState } from "preact/hooks";
import { formatTime, useApp, useT } from "../../state/index.ts";
import { publishEdition, usePublication } from "../../state/publication-actions.ts";
import { Modal, ModalActions } from "../components/Modal.tsx";
import { PublicationDiffView } from "./PublicationDiffView.tsx";

type Props = {
  editionId: string;
  /** Only a closed (or already published) edition publishes. */
  canPublish: boolean;
  /** The edition's state is published (possibly moved there without publishing). */
  statePublished: boolean;
  showNames: boolean;
  decimals: number;
  participantName: (id: string) => string;
};

/** The published version and its fingerprint, the publish action (confirmed first), and every version with what changed. */
export const PublishPanel = ({
  editionId,
  canPublish,
  statePublished,
  showNames,
  decimals,
  participantName,
}: Props) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const versions = usePublication((s) => s.versions);
  const lastPublish = usePublication((s) => s.lastPublish);
  const busy = usePublication((s) => s.busy);
  const error = usePublication((s) => s.error);
  const [confirming, setConfirming] = useState(false);
  const latest = versions?.[0] ?? null;
  const action = latest ? t("doc.pub.republish") : t("doc.pub.publish");
  return (
    <section class="panel" aria-labelledby="publish-title" data-testid="publish-panel">
      <h3 id="publish-title">{t("doc.pub.heading")}</h3>
      <p class="muted">{t("doc.pub.intro")}</p>
      {latest ? (
        <div data-testid="published-version">
          <p>
            <strong>
              {t("doc.pub.current", {
                version: latest.version,
                date: formatTime(locale, latest.publishedAt),
                name: latest.publishedBy.name,
              })}
            </strong>
          </p>
          <p>
            {t("doc.pub.hash")}: <code class="hash">{latest.contentHash}</code>
          </p>
        </div>
      ) : (
        <p data-testid="published-version">{t("doc.pub.none")}</p>
      )}
      {versions && !latest && statePublished ? <p class="callout">{t("doc.pub.stateOnly")}</p> : null}
      <p>
        <button
          type="button"
          class="button button-primary"
          disabled={!canPublish || busy}
          onClick={() => setConfirming(true)}
        >
          {action}
        </button>
      </p>
      {canPublish ? null : <p class="muted">{t("doc.pub.notClosed")}</p>}
      {lastPublish ? (
        <p class="notice" role="status" data-testid="publish-result">
          {lastPublish.created
            ? t("doc.pub.created", { version: lastPublish.publication.version })
            : t("doc.pub.unchanged", { version: lastPublish.publication.version })}
        </p>
      ) : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {versions && versions.length > 0 ? (
        <>
          <h4>{t("doc.pub.history")}</h4>
          <ol class="plain-list" data-testid="publication-history">
            {versions.map((v) => (
              <li key={v.version}>
                <p>
                  {t("doc.pub.versionLine", {
                    version: v.version,
                    date: formatTime(locale, v.publishedAt),
                    name: v.publishedBy.name,
                  })}{" "}
                  ·{" "}
                  <code class="hash" title={v.contentHash}>
                    {v.contentHash.slice(0, 12)}
                  </code>
                </p>
                {v.diff ? (
                  <PublicationDiffView diff={v.diff} decimals={decimals} participantName={participantName} />
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {confirming ? (
        <Modal title={t("doc.pub.confirmTitle")} onClose={() => setConfirming(false)} testId="confirm-publish">
          <p>
            {latest
              ? t("doc.pub.confirmAgain", { version: latest.version, next: latest.version + 1 })
              : t("doc.pub.confirmFirst")}
          </p>
          <p>{showNames ? t("doc.pub.namesShown") : t("doc.pub.namesHidden")}</p>
          <ModalActions
            cancel={t("doc.links.cancel")}
            confirm={action}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void publishEdition(editionId, showNames);
            }}
          />
        </Modal>
      ) : null}
    </section>
  );
};
