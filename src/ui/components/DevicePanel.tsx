import { useState } from "preact/hooks";
import { exportBackup, formatBytes, useApp, useT } from "../../state/index.ts";

/** Honest about the device: whether the browser may evict data, how full it is, and the last-resort export. */
export const DevicePanel = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const persistence = useApp((s) => s.persistence);
  const usage = useApp((s) => s.usage);
  const hasMember = useApp((s) => Boolean(s.session?.memberId));
  const [exported, setExported] = useState<string | null>(null);
  const download = async () => {
    const file = await exportBackup();
    const url = URL.createObjectURL(new Blob([file.json], { type: "application/json" }));
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = file.fileName;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setExported(file.fileName);
  };
  return (
    <section class="panel device" aria-labelledby="device-title">
      <h2 id="device-title">{t("device.heading")}</h2>
      {persistence === "granted" ? <p data-testid="persistence">{t("device.persisted")}</p> : null}
      {persistence === "denied" ? <p data-testid="persistence">{t("device.notPersisted")}</p> : null}
      {persistence === "unsupported" ? <p data-testid="persistence">{t("device.persistUnsupported")}</p> : null}
      {usage ? (
        <p class="muted">
          {t("device.usage", { used: formatBytes(locale, usage.usage), quota: formatBytes(locale, usage.quota) })}
        </p>
      ) : null}
      {hasMember ? (
        <>
          <p class="muted">{t("device.exportHelp")}</p>
          <button type="button" class="button" onClick={() => void download()}>
            {t("device.export")}
          </button>
          {exported ? (
            <p role="status" class="save-state is-saved">
              {t("device.exported", { file: exported })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
};
