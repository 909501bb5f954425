import { describe, expect, it } from "vitest";
import { messagesCoordinatorEn } from "../../src/i18n/messages-coordinator-en.ts";
import { messagesCoordinatorId } from "../../src/i18n/messages-coordinator-id.ts";
import { messagesEn } from "../../src/i18n/messages-en.ts";
import { messagesId } from "../../src/i18n/messages-id.ts";
import { messagesSetupEn } from "../../src/i18n/messages-setup-en.ts";
import { messagesSetupId } from "../../src/i18n/messages-setup-id.ts";
import { format, formatNumber, loadCoordinatorMessages, loadLocale, translator } from "../../src/i18n/translate.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const pairs = [
  ["panel", messagesId, messagesEn],
  ["coordinator", messagesCoordinatorId, messagesCoordinatorEn],
  ["set-up", messagesSetupId, messagesSetupEn],
] as const;

describe.each(pairs)("%s catalogue", (_name, id, en) => {
  it("English has exactly the Indonesian keys", () => {
    // Plural forms beyond "other" (key.one…) are the language's own; every other key is shared.
    const shared = Object.keys(en).filter((key) => !/\.(zero|one|two|few|many)$/.test(key));
    expect(shared.sort()).toEqual(Object.keys(id).sort());
  });

  it("every message uses the same placeholders in both languages and none is empty", () => {
    const idText = id as Record<string, string>;
    const enText = en as Record<string, string>;
    for (const key of Object.keys(idText)) {
      expect(placeholders(enText[key] ?? ""), key).toEqual(placeholders(idText[key] ?? ""));
      expect(idText[key]?.trim(), key).not.toBe("");
      expect(enText[key]?.trim(), key).not.toBe("");
    }
  });
});

describe("translation", () => {
  it("keeps panel and coordinator keys apart", () => {
    const shared = Object.keys(messagesCoordinatorId).filter((key) => key in messagesId);
    expect(shared).toEqual([]);
    const setupShared = Object.keys(messagesSetupId).filter((key) => key in messagesId || key in messagesCoordinatorId);
    expect(setupShared).toEqual([]);
  });

  it("falls back to Indonesian until English is loaded, then uses English", async () => {
    expect(translator("en")("nav.home")).toBe("Beranda");
    await loadLocale("en");
    expect(translator("en")("nav.home")).toBe("Home");
  });

  it("loads the coordinator's messages on demand", async () => {
    expect(translator("id")("coord.title")).toBe("coord.title");
    await loadCoordinatorMessages();
    expect(translator("id")("coord.title")).toBe("Koordinator");
  });

  it("fills placeholders and leaves unknown ones visible", async () => {
    await loadLocale("en");
    expect(format("{a} dari {b}", { a: 3, b: 12 })).toBe("3 dari 12");
    expect(format("{a} {missing}", { a: 1 })).toBe("1 {missing}");
    expect(format("{a} {missing}.", { a: 1 })).toBe("1 {missing}.");
    expect(translator("en")("start.progress", { scored: 2, total: 9 })).toBe("2 of 9 indicators");
    expect(translator("id")("start.progress", { scored: 2, total: 9 })).toBe("2 dari 9 indikator");
  });

  it("does not double a full stop after a name that ends with an academic title", () => {
    const name = "Ir. Baiq Nurhayati, M.Si.";
    expect(translator("id")("start.joined", { name })).not.toContain("M.Si..");
    expect(format("Tergabung sebagai {name}. Data ada.", { name })).toBe(
      "Tergabung sebagai Ir. Baiq Nurhayati, M.Si. Data ada.",
    );
    expect(format("Tergabung sebagai {name}. Data ada.", { name: "Lalu Hamdani" })).toBe(
      "Tergabung sebagai Lalu Hamdani. Data ada.",
    );
    // Only a stop right after the placeholder is dropped; other punctuation and mid-sentence values are kept.
    expect(format("{name}, {role}.", { name: "Drs. Lalu Hamdani", role: "anggota" })).toBe(
      "Drs. Lalu Hamdani, anggota.",
    );
    expect(format("Aksi {number}. {name}", { number: 3, name: "Rembuk stunting" })).toBe("Aksi 3. Rembuk stunting");
  });

  it("formats numbers the way each language writes them", () => {
    expect(formatNumber("id", 81.6, 2)).toBe("81,60");
    expect(formatNumber("en", 81.6, 2)).toBe("81.60");
  });
});

describe("words a panelist can act on", () => {
  it("chooses plural forms with Intl.PluralRules in both languages", async () => {
    await loadLocale("en");
    const en = translator("en");
    const id = translator("id");
    expect(en("sync.waiting", { count: 1 })).toBe("1 change waiting to be sent");
    expect(en("sync.waiting", { count: 2 })).toBe("2 changes waiting to be sent");
    expect(id("sync.waiting", { count: 1 })).toBe("1 perubahan menunggu dikirim");
    expect(id("sync.waiting", { count: 5 })).toBe("5 perubahan menunggu dikirim");
  });

  it("keeps one vocabulary: luring is the offline state only, an in-person session is tatap muka", () => {
    const luring = Object.entries(messagesId).filter(([, text]) => /luring/i.test(text));
    expect(luring.map(([key]) => key)).toEqual(["sync.offline"]);
    expect(messagesId["mode.offline"]).toBe("tatap muka");
    expect(messagesId["mode.hybrid"]).toBe("hibrida");
  });
});
