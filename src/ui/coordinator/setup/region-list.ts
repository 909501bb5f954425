/*
 * The official region list, bundled as text into the coordinator's chunk only: this
 * module is reached through the lazily loaded coordinator screens, never from the
 * panelist's start screen (`npm run bench -- bundle` checks).
 */
import provincesCsv from "idn-area-data/data/provinces.csv?raw";
import regenciesCsv from "idn-area-data/data/regencies.csv?raw";
import { type Province, parseRegions } from "../../../domain/regions.ts";

let cached: Province[] | null = null;

export const regionList = (): Province[] => {
  cached ??= parseRegions(provincesCsv, regenciesCsv);
  return cached;
};
