import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyEdition, copySchedule } from "../../src/domain/edition-copy.ts";
import {
  acceptsScores,
  acceptsSetupChanges,
  checkTransition,
  EDITION_STATES,
  nextStates,
  stateOf,
} from "../../src/domain/edition-lifecycle.ts";
import {
  advancePresenter,
  emptySchedule,
  participantsInOrder,
  presenterStatus,
  reorderSlots,
  scheduleProblems,
} from "../../src/domain/schedule.ts";
import { assignedParticipants } from "../../src/domain/progress.ts";
import { EditionSchema, RubricSchema, validate } from "../../src/domain/schemas.ts";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import type { EditionSchedule } from "../../src/domain/types.ts";
import { anEdition } from "../fixtures/builders.ts";

describe("edition states", () => {
  it("walks draft → open → closed, publishes only by publishing, and steps back closed → open, open → draft, published → open", () => {
    expect(checkTransition("draft", "open", false)).toEqual({ ok: true });
    expect(checkTransition("open", "closed", true)).toEqual({ ok: true });
    expect(checkTransition("closed", "published", true)).toEqual({ ok: false, reason: "use-publish" });
    expect(checkTransition("closed", "open", true)).toEqual({ ok: true });
    expect(checkTransition("open", "draft", false)).toEqual({ ok: true });
    expect(checkTransition("open", "draft", true)).toEqual({ ok: false, reason: "has-scores" });
    expect(checkTransition("draft", "closed", false)).toEqual({ ok: false, reason: "not-allowed" });
    expect(checkTransition("published", "open", true)).toEqual({ ok: true });
    expect(checkTransition("published", "closed", true)).toEqual({ ok: false, reason: "not-allowed" });
    expect(checkTransition("open", "open", false)).toEqual({ ok: false, reason: "same-state" });
    expect(nextStates("open", true)).toEqual(["closed"]);
    expect(nextStates("closed", true)).toEqual(["open"]);
    expect(nextStates("published", true)).toEqual(["open"]);
  });

  it("only an open edition takes scores; an edition from before states is open", () => {
    expect(stateOf(anEdition())).toBe("open");
    expect(EDITION_STATES.filter((state) => acceptsScores({ state }))).toEqual(["open"]);
    expect(EDITION_STATES.filter((state) => acceptsSetupChanges({ state }))).toEqual(["draft", "open"]);
  });

  it("every allowed move is one step along the line, or published → open; a state change never publishes", () => {
    const state = fc.constantFrom(...EDITION_STATES);
    fc.assert(
      fc.property(state, state, fc.boolean(), (from, to, scored) => {
        const distance = EDITION_STATES.indexOf(to) - EDITION_STATES.indexOf(from);
        const ok = checkTransition(from, to, scored).ok;
        if (ok && !(from === "published" && to === "open")) expect(Math.abs(distance)).toBe(1);
        if (to === "published") expect(ok).toBe(false);
        if (distance === 1 && to !== "published") expect(ok).toBe(true);
      }),
    );
  });
});

describe("copying an edition", () => {
  const ntb = ntb2021Sample();
  const setup = { edition: ntb.edition, rubric: ntb.rubric, participants: ntb.participants, members: ntb.members };

  it("makes NTB 2022 from NTB 2021: same rubric, settings, panel and groups; new year, draft, source kept", () => {
    const copy = copyEdition(setup, { id: "ntb-2022", year: 2022 });
    expect(copy.edition).toMatchObject({
      id: "ntb-2022",
      year: 2022,
      periodAssessed: "2021",
      state: "draft",
      sourceEditionId: ntb.edition.id,
      isSample: false,
      rubricId: "rubric-ntb-2022",
      startDate: "2022-07-19",
    });
    expect(copy.edition.title.id).toContain("2022");
    expect(copy.edition.title.id).not.toContain("2021");
    // The source is sample data; the copy is a real edition and its title no longer says "(contoh)".
    expect(ntb.edition.isSample).toBe(true);
    expect(ntb.edition.title.id).toMatch(/\(contoh\)$/);
    expect(copy.edition.title.id).toBe(ntb.edition.title.id.replace("2021", "2022").replace(" (contoh)", ""));
    expect(copy.edition.title.en).toBe(ntb.edition.title.en?.replace("2021", "2022").replace(" (sample)", ""));
    // A real edition's copy keeps its title as it is, but for the year.
    const real = copyEdition(copy, { id: "ntb-2023", year: 2023 });
    expect(real.edition.title.id).toBe(copy.edition.title.id.replace("2022", "2023"));
    expect(copy.edition.settings).toEqual(ntb.edition.settings);
    expect(copy.rubric.components).toEqual(ntb.rubric.components);
    expect(copy.rubric).toMatchObject({ id: "rubric-ntb-2022", editionId: "ntb-2022", version: 1 });
    expect(copy.participants.map((p) => [p.id, p.rankingGroup, p.role])).toEqual(
      ntb.participants.map((p) => [p.id, p.rankingGroup, p.role]),
    );
    expect(copy.members.map((m) => m.assignments)).toEqual(ntb.members.map((m) => m.assignments));
    expect(copy.participants.every((p) => p.editionId === "ntb-2022")).toBe(true);
    expect("scores" in copy).toBe(false);
    expect(validate(EditionSchema, copy.edition).ok).toBe(true);
    expect(validate(RubricSchema, copy.rubric).ok).toBe(true);
  });

  it("never changes its source", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2018, max: 2099 }), (year) => {
        const before = JSON.stringify(setup);
        const copy = copyEdition(setup, { id: `c-${year}`, year });
        copy.members[0]?.assignments.push({ componentId: "x", participantIds: [] });
        copy.edition.settings.letterValues.A = 99;
        expect(JSON.stringify(setup)).toBe(before);
      }),
      { numRuns: 20 },
    );
  });

  it("keeps the schedule order and rooms, clears dates, presenter and attendance", () => {
    const schedule: EditionSchedule = {
      ...emptySchedule("a"),
      slots: [{ participantId: "p1", order: 1, date: "2021-07-19", time: "08:00–08:45", room: "Aula" }],
      currentParticipantId: "p1",
      participantAttendance: { p1: "remote" },
    };
    expect(copySchedule(schedule, "b")).toEqual({
      ...emptySchedule("b"),
      slots: [{ participantId: "p1", order: 1, date: "", time: "08:00–08:45", room: "Aula" }],
    });
  });
});

describe("schedule", () => {
  const people = ["Lombok Barat", "Lombok Tengah", "Lombok Timur", "Sumbawa"].map((name, i) => ({
    id: `p${i + 1}`,
    name,
  }));

  it("orders the district list, marks who presents and who is next, advances with one tap", () => {
    let s = reorderSlots(emptySchedule("e"), ["p3", "p1", "p2"]);
    expect(participantsInOrder(people, s).map((p) => p.id)).toEqual(["p3", "p1", "p2", "p4"]);
    expect(presenterStatus(s, "p3")).toBe("next");
    s = advancePresenter(s);
    expect(s.currentParticipantId).toBe("p3");
    expect(presenterStatus(s, "p3")).toBe("presenting");
    expect(presenterStatus(s, "p1")).toBe("next");
    expect(presenterStatus(s, "p2")).toBeNull();
    s = advancePresenter(advancePresenter(s));
    expect(s.currentParticipantId).toBe("p2");
    expect(advancePresenter(s).currentParticipantId).toBeNull();
  });

  it("a member's district list follows the schedule when there is one", () => {
    const sample = ntb2021Sample();
    const member = sample.members.find((m) => m.assignments.length > 0);
    if (!member) throw new Error("sample changed");
    const ids = sample.participants.map((p) => p.id).reverse();
    const ordered = assignedParticipants(member, sample.participants, reorderSlots(emptySchedule("e"), ids));
    const assigned = new Set(member.assignments.flatMap((a) => a.participantIds));
    expect(ordered.map((p) => p.id)).toEqual(ids.filter((id) => assigned.has(id)));
    expect(assignedParticipants(member, sample.participants, emptySchedule("e")).map((p) => p.order)).toEqual(
      [...ordered].map((p) => p.order).sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });

  it("finds clashes: same order, same participant twice, two districts in one room at one time", () => {
    const slot = { date: "2021-07-19", time: "08:00–08:45", room: "Aula Bappeda" };
    const s: EditionSchedule = {
      ...emptySchedule("e"),
      slots: [
        { participantId: "p1", order: 1, ...slot },
        { participantId: "p2", order: 1, ...slot, room: "aula bappeda " },
        { participantId: "p9", order: 3, date: "", time: "", room: "" },
      ],
    };
    expect(scheduleProblems(s, new Set(["p1", "p2"]))).toEqual([
      { kind: "duplicate-order", participantId: "p2", order: 1 },
      { kind: "room-clash", participantId: "p2", otherId: "p1" },
      { kind: "unknown-participant", participantId: "p9" },
    ]);
  });

  it("reordering any permutation gives orders 1…n without problems, and advancing n times visits each once", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(people.map((p) => p.id)), (ids) => {
        let s = reorderSlots(emptySchedule("e"), ids);
        expect(s.slots.map((x) => x.order)).toEqual(ids.map((_, i) => i + 1));
        expect(scheduleProblems(s, new Set(ids))).toEqual([]);
        const visited: (string | null)[] = [];
        for (let i = 0; i < ids.length; i++) {
          s = advancePresenter(s);
          visited.push(s.currentParticipantId);
        }
        expect(visited).toEqual(ids);
      }),
    );
  });
});
