/*
 * `npm run admin -- edition …`: the coordinator's edition set-up for operators.
 *   edition create --from-template --province <code> --year <yyyy> [--aksi 5,6,7,8] [--id <id>]
 *   edition create --copy <editionId> --year <yyyy> [--id <id>]
 *   edition export <editionId> <file>
 *   edition import <file>
 *   edition backup <editionId> <file>
 *   edition restore <file>
 * Same rules as the app: the same validation, one transaction, an edit names the version it
 * was exported at (a stale file is refused), a copy starts in draft without scores; a
 * backup is the app's backup file (checksum, audit log) and restores only a new edition.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SYSTEM_ACTORS } from "../src/domain/audit-wording.ts";
import { participantFromRegency, parseRegions } from "../src/domain/regions.ts";
import { defaultSettings } from "../src/domain/settings.ts";
import { eightAksiRubricTemplate } from "../src/domain/templates/index.ts";
import type { AksiNumber, Edition } from "../src/domain/types.ts";
import type { EditionImport } from "../src/protocol/wire.ts";
import { BACKUP_FORMAT } from "../src/protocol/edition-backup.ts";
import { buildBackup, parseBackup, restoreBackup } from "../src/server/edition-backup.ts";
import { copyEditionOnServer } from "../src/server/edition-admin.ts";
import { importBundle, parseBundle } from "../src/server/editions.ts";
import { ApiError, errorMessage } from "../src/server/errors.ts";
import type { Store } from "../src/server/store/store-types.ts";

export const EDITION_USAGE = `  edition create --from-template --province <code> --year <yyyy> [--aksi 5,6,7,8] [--id <id>]
  edition create --copy <editionId> --year <yyyy> [--id <id>]
  edition export <editionId> <file>       reference data and every score, sheet and nomination
  edition import <file>                   create, or edit at the version the file was exported at
                                          (a backup file is restored instead, as with restore)
  edition backup <editionId> <file>       the app's backup file: reference data, records, audit, publications
  edition restore <file>                  restore a backup into this server (the edition must not exist yet)`;

const ACTOR = { kind: "system", id: SYSTEM_ACTORS.adminCli } as const;

const option = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const regions = (root: string) => {
  const dir = join(root, "node_modules", "idn-area-data", "data");
  return parseRegions(
    readFileSync(join(dir, "provinces.csv"), "utf8"),
    readFileSync(join(dir, "regencies.csv"), "utf8"),
  );
};

/** A draft edition from the 8-aksi template with every kabupaten/kota of the province; the panel is added in the app. */
export const templateEdition = (
  root: string,
  provinceCode: string,
  year: number,
  aksi: AksiNumber[],
  id: string,
): EditionImport => {
  const province = regions(root).find((p) => p.code === provinceCode);
  if (!province) throw new Error(`No province with code ${provinceCode} in the region list.`);
  const rubric = eightAksiRubricTemplate(id, { aksi, isTemplate: false });
  const edition: Edition = {
    id,
    provinceCode,
    provinceName: province.name,
    year,
    periodAssessed: String(year - 1),
    title: { id: `Penilaian Kinerja Aksi Konvergensi Penurunan Stunting Provinsi ${province.name} Tahun ${year}` },
    aksiInScope: aksi,
    mode: "offline",
    startDate: `${year}-07-01`,
    endDate: `${year}-07-01`,
    venue: "",
    rubricId: rubric.id,
    settings: defaultSettings(),
    isSample: false,
    state: "draft",
  };
  const participants = province.regencies.map((r) => participantFromRegency(id, r, "Kabupaten/Kota"));
  return { edition, rubric, participants, members: [] };
};

const words = (error: unknown): string =>
  error instanceof ApiError
    ? [
        errorMessage(error.code, "en", error.details),
        ...(((error.details as { errors?: string[] })?.errors ?? []) as string[]),
      ].join("\n  ")
    : error instanceof Error
      ? error.message
      : String(error);

export const editionCommand = async (store: Store, root: string, args: string[]): Promise<string> => {
  const [sub, ...rest] = args;
  try {
    if (sub === "create") {
      const year = Number(option(rest, "year"));
      if (!Number.isInteger(year)) throw new Error(EDITION_USAGE);
      const source = option(rest, "copy");
      if (source) {
        const id = option(rest, "id") ?? `${source}-copy-${year}`;
        await copyEditionOnServer(store, source, { id, year }, ACTOR, Date.now());
        return `Edition ${id} created as a copy of ${source} (draft, no scores).`;
      }
      if (!rest.includes("--from-template")) throw new Error(EDITION_USAGE);
      const province = option(rest, "province") ?? "";
      const aksi = (option(rest, "aksi") ?? "1,2,3,4,5,6,7,8").split(",").map(Number) as AksiNumber[];
      const id = option(rest, "id") ?? `ed-${province}-${year}`;
      const bundle = parseBundle(templateEdition(root, province, year, aksi, id), "en");
      await importBundle(store, bundle, ACTOR, Date.now(), { baseVersion: undefined });
      return `Edition ${id} created from the 8-aksi template with ${bundle.participants.length} participants (draft).`;
    }
    if (sub === "export") {
      const [editionId, file] = rest;
      if (!editionId || !file) throw new Error(EDITION_USAGE);
      const stored = await store.editions.bundle(editionId);
      if (!stored) throw new Error(`No edition ${editionId}.`);
      const records = async <T extends "scores" | "sheets" | "nominations">(t: T) =>
        (await store.records.list(t, editionId)).map((r) => r.record);
      const out = {
        ...stored.bundle,
        scores: await records("scores"),
        sheets: await records("sheets"),
        nominations: await records("nominations"),
        baseVersion: stored.version,
      };
      writeFileSync(resolve(file), `${JSON.stringify(out, null, 2)}\n`);
      return `Edition ${editionId} (version ${stored.version}) exported to ${resolve(file)}.`;
    }
    if (sub === "backup") {
      const [editionId, file] = rest;
      if (!editionId || !file) throw new Error(EDITION_USAGE);
      const backup = await buildBackup(store, editionId, Date.now());
      if (!backup) throw new Error(`No edition ${editionId}.`);
      writeFileSync(resolve(file), `${JSON.stringify(backup)}\n`);
      return `Edition ${editionId} backed up to ${resolve(file)} (${backup.bundle.scores.length} scores, ${backup.audit.length} audit entries).`;
    }
    if (sub === "import" || sub === "restore") {
      const [file] = rest;
      if (!file) throw new Error(EDITION_USAGE);
      const data = JSON.parse(readFileSync(resolve(file), "utf8")) as { baseVersion?: unknown; format?: unknown };
      // A backup never merges into an existing edition: it is restored whole, or refused.
      if (sub === "restore" || data.format === BACKUP_FORMAT) {
        const restored = await restoreBackup(store, await parseBackup(data, "en"), ACTOR, Date.now());
        const { scores, sheets, nominations } = restored.records;
        return `Edition ${restored.editionId} restored: ${scores} scores, ${sheets} sheets, ${nominations} nominations, ${restored.auditEntries} audit entries.`;
      }
      const bundle = parseBundle(data, "en");
      const result = await importBundle(store, bundle, ACTOR, Date.now(), { baseVersion: data.baseVersion });
      return `Edition ${bundle.edition.id} ${result.created ? "created" : "updated"}; ${result.recordsApplied} records applied.`;
    }
    throw new Error(EDITION_USAGE);
  } catch (error) {
    throw new Error(words(error));
  }
};
