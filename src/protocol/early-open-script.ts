/*
 * The one inline script of index.html: opens the tablet's database while the
 * app's modules are still being fetched. On a reload, opening IndexedDB's backing
 * store is the slowest step before the scoring screen shows (~10–40 ms here);
 * inline in <head> it starts while the HTML is parsed, ~25 ms before the first
 * module runs, so it overlaps the module loading instead of following it. The
 * start snapshot (src/storage/start-snapshot.ts) takes the connection once and
 * closes it. A page the service worker serves with its start rows inside
 * (workers/sw.ts) has no use for it, and the worker leaves it out of that page.
 *
 * One source for three users: vite.config.ts injects this text into index.html,
 * the server's Content-Security-Policy allows exactly its SHA-256 (no other inline
 * script may run), and the tests run it on fake-indexeddb.
 * Invariants (the same as the snapshot's own open):
 * - It never creates a database: on a first visit the upgrade is aborted and the
 *   connection promise gives "missing" (null when the open fails otherwise), leaving
 *   creation to Dexie.
 * - It never blocks an upgrade or a deletion: the connection closes itself on
 *   `versionchange`, and nothing else holds it.
 * - The name equals DEFAULT_DB_NAME (tests/storage/early-open.test.ts).
 */
export const EARLY_OPEN_SCRIPT = `(()=>{if(typeof indexedDB==="undefined")return;const name="panelis";const connection=new Promise((resolve)=>{let request;try{request=indexedDB.open(name)}catch{resolve(null);return}let missing=false;request.onupgradeneeded=()=>{missing=true;request.transaction&&request.transaction.abort()};request.onsuccess=()=>{const db=request.result;db.onversionchange=()=>db.close();resolve(db)};request.onerror=()=>resolve(missing?"missing":null);request.onblocked=()=>resolve(null)});globalThis.__panelisEarlyOpen={name,connection}})();`;

/** The script as index.html carries it (vite.config.ts writes it; the service worker leaves it out by this text). */
export const EARLY_OPEN_ELEMENT = `<script>${EARLY_OPEN_SCRIPT}</script>`;
