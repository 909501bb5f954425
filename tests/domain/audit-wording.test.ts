import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyDetail } from "../../src/domain/audit-filter.ts";
import { AUDIT_FIELDS, auditField, auditShown } from "../../src/domain/audit-wording.ts";
import { nominationKey, scoreKey } from "../../src/domain/keys.ts";

describe("audit wording", () => {
  it("knows the pairs the server writes and leaves others to be shown as they came", () => {
    expect(auditField("scores", "grade")).toBe("scores.grade");
    expect(auditField("rubrics", "record")).toBe("rubrics.record");
    expect(auditField("scores", "colour")).toBeNull();
    expect(auditField("future_table", "record")).toBeNull();
    expect(new Set(AUDIT_FIELDS).size).toBe(AUDIT_FIELDS.length);
  });

  it("reads the indicator of a score entry and the category of a nomination entry from their keys", () => {
    expect(keyDetail("scores", scoreKey("e", "p", "ind-1.1", "m"))).toBe("ind-1.1");
    expect(keyDetail("nominations", nominationKey("e", "p", "m", "inovatif"))).toBe("inovatif");
    expect(keyDetail("sheets", "e|p|m")).toBeNull();
  });

  it("shows a grade as its letter or points, a flag, a text, a number, or nothing", () => {
    expect(auditShown({ level: "B", points: null })).toEqual({ kind: "grade", level: "B", points: null });
    expect(auditShown({ level: null, points: 72.5 })).toEqual({ kind: "grade", level: null, points: 72.5 });
    expect(auditShown({ level: null, points: null })).toEqual({ kind: "none" });
    expect(auditShown(null)).toEqual({ kind: "none" });
    expect(auditShown(true)).toEqual({ kind: "flag", value: true });
    expect(auditShown("Data lokus lengkap")).toEqual({ kind: "text", text: "Data lokus lengkap" });
    expect(auditShown(3)).toEqual({ kind: "number", value: 3 });
  });

  it("names a whole record where it has a name and keeps its JSON for whoever opens it", () => {
    const district = { id: "p1", name: "Maluku Tengah", regionCode: "8101" };
    expect(auditShown(district)).toEqual({
      kind: "data",
      name: { id: "Maluku Tengah" },
      json: JSON.stringify(district, null, 2),
    });
    expect(auditShown({ id: "e", title: { id: "Penilaian 2020", en: "Assessment 2020" } })).toMatchObject({
      kind: "data",
      name: { id: "Penilaian 2020", en: "Assessment 2020" },
    });
    expect(auditShown({ slots: [] })).toMatchObject({ kind: "data", name: null });
    expect(auditShown([1, 2])).toMatchObject({ kind: "data", name: null });
  });

  it("never loses a value: every JSON value is shown as something, and a record's JSON parses back to it", () => {
    fc.assert(
      // What the audit log holds came through JSON.parse: -0 (which fc.jsonValue also makes) never does.
      fc.property(
        fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
        (value) => {
          const shown = auditShown(value);
          if (shown.kind === "data") expect(JSON.parse(shown.json)).toEqual(value);
          if (shown.kind === "none") expect(value === null || (value as { level?: unknown }).level === null).toBe(true);
        },
      ),
    );
  });
});
