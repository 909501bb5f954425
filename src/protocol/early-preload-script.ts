/*
 * The second half of index.html's one inline script (see early-inline-script.ts): on a
 * reload of a scoring sheet (`#/score/…`), start fetching the scoring screen's code
 * while the HTML is still parsed. The build writes that screen's own chunks — its
 * dynamic import's closure minus what the entry loads anyway — into
 * `<meta name="panelis-scoring-chunks">` before the script (vite.config.ts); without
 * the early start, main.tsx asks for them only once the entry module runs, ~15 ms
 * later, and on some reloads the snapshot was ready before the screen's code was
 * (the offline reload bench's marks). Invariants:
 * - Only `modulepreload` links: fetched and compiled, never run; main.tsx's import runs
 *   them when it needs them, so a wrong or missing list costs time, never behaviour.
 * - Nothing on any other route (the start screen stays as light as it is), nothing
 *   without the meta (the dev server has none).
 */
/** The meta tag's name: the build writes it (vite.config.ts), the script reads it. */
export const SCORING_CHUNKS_META = "panelis-scoring-chunks";

export const EARLY_PRELOAD_SCRIPT = `(()=>{if(!location.hash.startsWith("#/score/"))return;const meta=document.querySelector('meta[name="${SCORING_CHUNKS_META}"]');if(!meta)return;for(const href of meta.content.split(" ")){if(!href)continue;const link=document.createElement("link");link.rel="modulepreload";link.href=href;document.head.appendChild(link)}})();`;
