import { describe, expect, it } from "vitest";
import { messagesCoordinatorId } from "../../src/i18n/messages-coordinator-id.ts";
import { messagesDocumentsEn } from "../../src/i18n/messages-documents-en.ts";
import { messagesDocumentsId } from "../../src/i18n/messages-documents-id.ts";
import { messagesId } from "../../src/i18n/messages-id.ts";
import { loadCoordinatorMessages, translator } from "../../src/i18n/translate.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("documents catalogue", () => {
  it("English has the Indonesian keys with the same placeholders, none empty", () => {
    const id = messagesDocumentsId as Record<string, string>;
    const en = messagesDocumentsEn as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const key of Object.keys(id)) {
      expect(placeholders(en[key] ?? ""), key).toEqual(placeholders(id[key] ?? ""));
      expect(id[key]?.trim(), key).not.toBe("");
      expect(en[key]?.trim(), key).not.toBe("");
    }
  });

  it("shares no key with the panel or coordinator catalogues", () => {
    const keys = Object.keys(messagesDocumentsId);
    expect(keys.filter((k) => k in messagesId || k in messagesCoordinatorId)).toEqual([]);
  });

  it("is loaded with the coordinator's messages", async () => {
    await loadCoordinatorMessages();
    expect(translator("id")("doc.band.poor")).toBe("buruk");
    expect(translator("en")("doc.band.excellent")).toBe("very good");
  });
});
