// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { nominationKey, scoreKey } from "../../src/domain/keys.ts";
import { maluku2020Sample } from "../../src/domain/templates/index.ts";
import { loadCoordinatorMessages, loadLocale } from "../../src/i18n/translate.ts";
import type { AuditEntryInfo, AuditResponse } from "../../src/protocol/wire.ts";
import { appStore } from "../../src/state/app-store.ts";
import { dayStore } from "../../src/state/edition-day.ts";
import { AuditView } from "../../src/ui/coordinator/AuditView.tsx";
import { seedCoordinatorStore } from "../helpers/coordinator-store.ts";

const sample = maluku2020Sample();
const editionId = sample.edition.id;
const member = sample.members.find((m) => m.assignments.length > 0);
const participant = sample.participants[0];
const indicator = sample.rubric.components[0]?.indicators[0];
if (!member || !participant || !indicator) throw new Error("the sample needs a member, a district and an indicator");

const entry = (id: number, e: Partial<AuditEntryInfo>): AuditEntryInfo => ({
  id,
  at: Date.now() - (10 - id) * 60_000,
  actorKind: "system",
  actorId: "seed",
  deviceId: null,
  table: "editions",
  key: editionId,
  field: "record",
  old: null,
  new: null,
  mutationId: null,
  version: id,
  ...e,
});

const entries: AuditEntryInfo[] = [
  entry(1, { table: "rubrics", key: sample.rubric.id, new: sample.rubric }),
  entry(2, {
    actorKind: "device",
    actorId: member.id,
    table: "scores",
    key: scoreKey(editionId, participant.id, indicator.id, member.id),
    field: "grade",
    old: { level: "B", points: null },
    new: { level: "A", points: null },
  }),
  entry(3, { actorKind: "coordinator", actorId: "sekretariat", field: "state", old: "open", new: "closed" }),
  entry(4, {
    actorKind: "device",
    actorId: member.id,
    table: "nominations",
    key: nominationKey(editionId, participant.id, member.id, "inovatif"),
    field: "nominated",
    old: null,
    new: true,
  }),
  entry(5, { actorId: "restore-tool", table: "future_table", key: "x", field: "colour", old: null, new: "blue" }),
];

beforeAll(() => loadCoordinatorMessages());

beforeEach(() => {
  seedCoordinatorStore(sample);
  appStore.setState({ locale: "id" });
  dayStore.setState({ audit: null, auditPreset: null });
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () =>
        new Response(JSON.stringify({ entries, cursor: 5, more: false } satisfies AuditResponse), {
          headers: { "Content-Type": "application/json" },
        }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("Jejak in words", () => {
  it("names each field, shows grades and states as people say them, and folds a whole record", async () => {
    render(<AuditView editionId={editionId} />);
    const table = await screen.findByTestId("audit-table");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(entries.length + 1));
    const rows = within(table).getAllByRole("row").slice(1);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    // Newest first: what just happened is at the top.
    expect(rows[0]?.textContent).toContain("future_table");
    expect(rows.at(-1)?.textContent).toContain("Rubrik");
    const find = (text: string) => {
      const row = rows.find((r) => r.textContent?.includes(text));
      if (!row) throw new Error(`no row with ${text}`);
      return row;
    };
    expect(cells(find(`Nilai ${indicator.code}`)).slice(-2)).toEqual([`Nilai ${indicator.code}`, "B → A"]);
    expect(cells(find("Status edisi")).slice(-1)).toEqual(["dibuka → ditutup"]);
    expect(cells(find("Usulan: Paling inovatif")).slice(-1)).toEqual(["— → ya"]);
    expect(cells(find("future_table · colour")).slice(-1)).toEqual(["— → blue"]);
    // The 30 KB rubric: named and folded, its JSON there for whoever opens it; written by the server's sample seed.
    const rubricRow = find("Rubrik");
    expect(cells(rubricRow)[1]).toBe("Sistem (data contoh)");
    expect(cells(find("future_table"))[1]).toBe("Sistem (restore-tool)");
    const folded = rubricRow.querySelector("details");
    expect(folded).not.toBeNull();
    expect(folded?.open).toBe(false);
    expect(folded?.querySelector("summary")?.textContent).toBe(`${sample.rubric.name.id} (lihat data)`);
    expect(JSON.parse(folded?.querySelector("pre")?.textContent ?? "")).toEqual(sample.rubric);
  });

  it("names a record in the screen's language where the record has both", async () => {
    appStore.setState({ locale: "en" });
    await loadLocale("en");
    render(<AuditView editionId={editionId} />);
    const table = await screen.findByTestId("audit-table");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(entries.length + 1));
    const summary = table.querySelector("details summary")?.textContent;
    expect(sample.rubric.name.en).toBeTruthy();
    expect(summary).toBe(`${sample.rubric.name.en} (show data)`);
  });
});
