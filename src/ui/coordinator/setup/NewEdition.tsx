import { useState } from "preact/hooks";
import { useSetup } from "../../../state/edition-setup.ts";
import { useT } from "../../../state/index.ts";
import { NewEditionForm } from "./NewEditionForm.tsx";
import { SetupView } from "./SetupView.tsx";

/** From the edition list: start a new edition (template or copy) and set it up until its first save. */
export const NewEdition = ({ onSaved }: { onSaved: (editionId: string) => void }) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const unsavedNew = useSetup((s) => s.draft !== null && s.baseVersion === null);
  if (unsavedNew) return <SetupView onSaved={onSaved} />;
  if (!open)
    return (
      <div class="toolbar">
        <button type="button" class="button button-primary" onClick={() => setOpen(true)}>
          {t("setup.newEdition")}
        </button>
      </div>
    );
  return <NewEditionForm onStarted={() => setOpen(false)} />;
};
