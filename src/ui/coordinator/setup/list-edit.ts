/** Immutable list edits for the set-up forms: every change makes a new array, so the draft is never mutated. */
export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] =>
  list.map((x, i) => (i === index ? item : x));

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);

/** Moves the item at `index` by `by` places (−1 up, +1 down), clamped to the list. */
export const moveBy = <T>(list: readonly T[], index: number, by: number): T[] => {
  const to = Math.max(0, Math.min(list.length - 1, index + by));
  if (to === index) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
};

/** A fresh id not yet in `taken`: `${prefix}-1`, `${prefix}-2`, … */
export const freshId = (prefix: string, taken: Iterable<string>): string => {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
};
