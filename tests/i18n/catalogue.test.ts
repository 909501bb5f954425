import { describe, expect, it } from "vitest";
import { messagesEn } from "../../src/i18n/messages-en.ts";
import { messagesId } from "../../src/i18n/messages-id.ts";
import { format, formatNumber, translator } from "../../src/i18n/translate.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("English has exactly the Indonesian keys", () => {
    expect(Object.keys(messagesEn).sort()).toEqual(Object.keys(messagesId).sort());
  });

  it.each(Object.keys(messagesId) as (keyof typeof messagesId)[])("%s uses the same placeholders in both", (key) => {
    expect(placeholders(messagesEn[key])).toEqual(placeholders(messagesId[key]));
  });

  it("no message is empty", () => {
    for (const text of [...Object.values(messagesId), ...Object.values(messagesEn)]) expect(text.trim()).not.toBe("");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
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
