import { useEffect } from "preact/hooks";
import { refreshEdition } from "../../../state/coordinator.ts";
import { editFromServer, useSetup } from "../../../state/edition-setup.ts";
import { useT } from "../../../state/index.ts";
import { SetupView } from "./SetupView.tsx";

/** The set-up of an edition already on the server: opens its current bundle as the draft unless one is open. */
export const SetupTab = ({ editionId }: { editionId: string }) => {
  const t = useT();
  const draftId = useSetup((s) => s.draft?.edition.id ?? null);
  useEffect(() => {
    if (draftId !== editionId) void editFromServer(editionId);
  }, [editionId, draftId]);
  if (draftId !== editionId) return <p role="status">{t("app.loading")}</p>;
  return <SetupView onSaved={(id) => void refreshEdition(id, true)} />;
};
