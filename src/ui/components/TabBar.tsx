import type { ComponentChildren } from "preact";

export type Tab<V> = { value: V; label: ComponentChildren };

type Props<V> = {
  /** Names the set of tabs for screen readers. */
  legend: string;
  tabs: readonly Tab<V>[];
  active: V | null;
  onSelect: (value: V) => void;
  /** Extra classes beside "tabs". */
  class?: string;
};

/** A row of toggle buttons (`aria-pressed` on the active one) in a fieldset with a visually hidden legend. */
export const TabBar = <V extends string | number>({ legend, tabs, active, onSelect, class: extra }: Props<V>) => (
  <fieldset class={extra ? `tabs ${extra}` : "tabs"}>
    <legend class="visually-hidden">{legend}</legend>
    {tabs.map(({ value, label }) => (
      <button
        key={value}
        type="button"
        class={`tab ${value === active ? "is-active" : ""}`}
        aria-pressed={value === active}
        onClick={() => onSelect(value)}
      >
        {label}
      </button>
    ))}
  </fieldset>
);
