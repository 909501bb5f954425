/*
 * How the service worker hands the page its start rows (src/storage/start-rows.ts):
 * inside the HTML it serves, as a JSON data block at a marker in index.html, so the
 * page reads them synchronously instead of opening IndexedDB before its first render.
 * One text for both sides: workers/sw.ts writes it, src/storage/start-snapshot.ts
 * reads it.
 * Invariants:
 * - The block is data, never script: `type="application/json"` is not executed, so the
 *   Content-Security-Policy (one inline script, by hash) is unchanged.
 * - No row can end the element or open markup: every `<` in the JSON is written as
 *   \u003c, which JSON.parse reads back as the same character.
 * - A page without the block (a first visit, the dev server, a worker that found
 *   nothing) reads IndexedDB itself, as before.
 */
export const START_ROWS_MARKER = "<!--panelis:start-rows-->";
export const START_ROWS_ELEMENT_ID = "panelis-start-rows";

/** The data block for `rows` (see the header). */
export const startRowsElement = (rows: unknown): string =>
  `<script type="application/json" id="${START_ROWS_ELEMENT_ID}">${JSON.stringify(rows).replace(/</g, "\\u003c")}</script>`;

/** index.html split at the marker: what can be sent at once, and what follows the block. */
export const splitAtStartRows = (html: string): { head: string; tail: string } | null => {
  const at = html.indexOf(START_ROWS_MARKER);
  return at < 0 ? null : { head: html.slice(0, at), tail: html.slice(at + START_ROWS_MARKER.length) };
};
