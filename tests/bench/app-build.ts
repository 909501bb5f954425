export { DIST, distIsStale, ensureBuilt, ROOT } from "../../scripts/app-build.ts";
