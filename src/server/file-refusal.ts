/** Why a signed file (an edition backup, a tablet's last-resort file) was refused, in plain words. */
import type { Locale } from "../domain/types.ts";
import type { BackupRefusal } from "../protocol/edition-backup.ts";
import type { ChangeRefusal, RescueRefusal } from "../protocol/rescue-import.ts";
import { rejectMessage } from "./errors.ts";

type Words = { id: string; en: string };

export const fileRefusalText = (refusal: BackupRefusal | RescueRefusal, locale: Locale): string => {
  const w = (words: Words) => words[locale];
  switch (refusal.reason) {
    case "not-a-file":
      return w({ id: "Isinya bukan berkas Panelis.", en: "Its content is not a Panelis file." });
    case "wrong-format":
      return w({ id: "Jenis berkasnya bukan yang diharapkan.", en: "It is not the expected kind of file." });
    case "unsupported-version":
      return w({
        id: "Versi berkasnya tidak dikenal server ini.",
        en: "This server does not know the file's version.",
      });
    case "checksum-missing":
      return w({ id: "Berkas tidak memiliki checksum.", en: "The file has no checksum." });
    case "checksum-mismatch":
      return w({
        id: "Checksum tidak cocok: berkas telah diubah atau terpotong.",
        en: "The checksum does not match: the file was changed or truncated.",
      });
    case "invalid-content":
      return `${w({ id: "Isinya tidak sah:", en: "Its content is not valid:" })} ${refusal.errors.slice(0, 5).join("; ")}`;
    case "mixed-editions":
      return w({
        id: "Berkas memuat data lebih dari satu edisi.",
        en: "The file holds data of more than one edition.",
      });
    case "publication-tampered":
      return w({
        id: `Publikasi versi ${refusal.version} telah diubah.`,
        en: `Publication version ${refusal.version} was changed.`,
      });
    case "publication-chain-broken":
      return w({
        id: `Rantai publikasi terputus pada versi ${refusal.version}.`,
        en: `The publication chain is broken at version ${refusal.version}.`,
      });
    case "wrong-edition":
      return w({
        id: `Berkas ini dari edisi lain (${refusal.fileEditionId}).`,
        en: `This file is from another edition (${refusal.fileEditionId}).`,
      });
  }
};

/** A change refused by the file-level checks (before the push's authorisation). */
export const changeRefusalText = (
  refusal: Exclude<ChangeRefusal, { authorisation: string }>,
  locale: Locale,
): string => {
  switch (refusal) {
    case "other-edition":
      return rejectMessage("wrong-edition", locale);
    case "other-member":
      return locale === "id"
        ? "Perubahan ini milik anggota panel lain, bukan pemilik berkas."
        : "This change belongs to another panel member, not the file's owner.";
    case "other-device":
      return rejectMessage("wrong-device", locale);
  }
};
