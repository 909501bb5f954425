/*
 * index.html's one inline script: the early database open (early-open-script.ts), then
 * the early fetch of the scoring screen's code on a scoring sheet (early-preload-script.ts).
 * One text for three users: vite.config.ts puts it at the top of <head>, the server's
 * Content-Security-Policy allows exactly its SHA-256 (no other inline script may run),
 * and the tests run its halves.
 */
import { EARLY_OPEN_SCRIPT } from "./early-open-script.ts";
import { EARLY_PRELOAD_SCRIPT } from "./early-preload-script.ts";

export const EARLY_INLINE_SCRIPT = `${EARLY_OPEN_SCRIPT}${EARLY_PRELOAD_SCRIPT}`;
