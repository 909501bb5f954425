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
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
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
    expect(translator("en")("start.progress", { scored: 2, total: 9 })).toBe("2 of 9 indicators");
    expect(translator("id")("start.progress", { scored: 2, total: 9 })).toBe("2 dari 9 indikator");
  });

  it("formats numbers the way each language writes them", () => {
    expect(formatNumber("id", 81.6, 2)).toBe("81,60");
    expect(formatNumber("en", 81.6, 2)).toBe("81.60");
  });
});
