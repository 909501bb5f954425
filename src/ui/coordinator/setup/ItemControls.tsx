import { useT } from "../../../state/index.ts";

type Props = { label: string; index: number; count: number; onMove: (by: number) => void; onRemove: () => void };

/** Up, down and remove for one item of an editable list; each button names the item for screen readers. */
export const ItemControls = ({ label, index, count, onMove, onRemove }: Props) => {
  const t = useT();
  return (
    <span class="item-controls">
      <button
        type="button"
        class="button button-quiet"
        disabled={index === 0}
        aria-label={t("setup.moveUp", { item: label })}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="button button-quiet"
        disabled={index === count - 1}
        aria-label={t("setup.moveDown", { item: label })}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="button button-quiet"
        aria-label={t("setup.remove", { item: label })}
        onClick={onRemove}
      >
        ✕
      </button>
    </span>
  );
};
