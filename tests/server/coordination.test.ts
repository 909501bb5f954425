import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EditionSchedule } from "../../src/domain/types.ts";
import type {
  AuditSearchResponse,
  BoardResponse,
  BoardUnchanged,
  ScheduleResponse,
  StateChangeResponse,
} from "../../src/protocol/coordination.ts";
import type { EditionBundleResponse, EditionListResponse, ErrorBody } from "../../src/protocol/wire.ts";
import { issueJoinCode } from "../../src/server/enrolment.ts";
import { anEdition } from "../fixtures/builders.ts";
import {
  createTestServer,
  deviceIdFor,
  TEST_EDITION_ID,
  type TestServer,
  testBundle,
} from "../helpers/in-process-server.ts";
import { paparanScore, sheetChange } from "./mutations.ts";

const E = `/api/v1/editions/${TEST_EDITION_ID}`;

let server: TestServer;
let tablet: string;

beforeEach(async () => {
  server = await createTestServer();
  tablet = await server.enrolDevice("m-ketua");
});

afterEach(() => server.close());

const asCoord = <T>(method: string, path: string, body?: unknown) =>
  server.request<T>(method, path, body, server.coordinatorToken);

const schedule = (slots: [string, number][], extra: Partial<EditionSchedule> = {}): EditionSchedule => ({
  editionId: TEST_EDITION_ID,
  slots: slots.map(([participantId, order]) => ({
    participantId,
    order,
    date: "2021-07-19",
    time: `${7 + order}.00`,
    room: "Aula",
  })),
  currentParticipantId: null,
  participantAttendance: {},
  memberAttendance: {},
  ...extra,
});

describe("coordinator-only routes", () => {
  const routes: [string, string, unknown?][] = [
    ["POST", `${E}/state`, { to: "closed" }],
    ["POST", `${E}/copy`, { id: "ed-2022", year: 2022 }],
    ["GET", `${E}/schedule`],
    ["PUT", `${E}/schedule`, schedule([["p-5201", 1]])],
    ["POST", `${E}/schedule/advance`],
    ["POST", `${E}/sheets/p-5201/m-ketua/recusal`, { recused: true, reason: "kerabat" }],
    ["GET", `${E}/board`],
    ["GET", `${E}/audit/search`],
  ];

  it.each(routes)("%s %s: a tablet gets 403, nobody gets 401, and nothing changes", async (method, path, body) => {
    const before = await server.store.counts();
    expect((await server.request(method, path, body, tablet)).status).toBe(403);
    expect((await server.request(method, path, body)).status).toBe(401);
    expect(await server.store.counts()).toEqual(before);
  });
});

describe("edition states", () => {
  it("moves open → closed, reaches published only by publishing, steps back to open for a correction, and audits each move", async () => {
    const stateInList = async () =>
      (await asCoord<EditionListResponse>("GET", "/api/v1/editions")).body.editions.find(
        (e) => e.id === TEST_EDITION_ID,
      )?.state;
    expect(await stateInList()).toBe("open");
    const closed = await asCoord<StateChangeResponse>("POST", `${E}/state`, { to: "closed" });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe("closed");
    // The coordinator's list of editions says each one's state.
    expect(await stateInList()).toBe("closed");
    const back = await asCoord<ErrorBody>("POST", `${E}/state`, { to: "draft" });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe("transition-refused");
    // A state change alone would publish nothing: only publishing reaches "published".
    const stateOnly = await asCoord<ErrorBody>("POST", `${E}/state`, { to: "published" });
    expect(stateOnly.status).toBe(409);
    expect(stateOnly.body.error.details).toMatchObject({ reason: "use-publish" });
    expect((await asCoord("POST", `${E}/publish`, {})).status).toBe(201);
    expect(await stateInList()).toBe("published");
    expect((await asCoord("POST", `${E}/state`, { to: "closed" })).status).toBe(409);
    expect((await asCoord("POST", `${E}/state`, { to: "open" })).status).toBe(200);
    const audit = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search`);
    expect(audit.body.entries.filter((e) => e.field === "state").map((e) => `${e.old}→${e.new}`)).toEqual([
      "open→closed",
      "closed→published",
      "published→open",
    ]);
  });

  it("while closed, a tablet's score is refused and a join code does not enrol; open again, both work", async () => {
    await asCoord("POST", `${E}/state`, { to: "closed" });
    const refused = await server.push(tablet, deviceIdFor("m-ketua"), [paparanScore("m-ketua")]);
    expect(refused.status).toBe(200);
    expect(refused.body.results[0]).toMatchObject({ status: "rejected", reasonCode: "edition-not-open" });
    const { code } = await issueJoinCode(server.store, TEST_EDITION_ID, "m-anggota", server.now());
    const enrol = await server.request<ErrorBody>("POST", "/api/v1/enrol", {
      code,
      deviceId: "d_new",
      deviceName: "Tablet Bu Baiq",
    });
    expect(enrol.status).toBe(409);
    expect(enrol.body.error.code).toBe("edition-not-open");
    await asCoord("POST", `${E}/state`, { to: "open" });
    const applied = await server.push(tablet, deviceIdFor("m-ketua"), [paparanScore("m-ketua")]);
    expect(applied.body.results[0]?.status).toBe("applied");
    // The code was not spent by the refused attempt.
    expect(
      (await server.request("POST", "/api/v1/enrol", { code, deviceId: "d_new", deviceName: "Tablet Bu Baiq" })).status,
    ).toBe(201);
  });

  it("an open edition with scores cannot go back to draft; without scores it can", async () => {
    await server.push(tablet, deviceIdFor("m-ketua"), [paparanScore("m-ketua")]);
    const refused = await asCoord<ErrorBody>("POST", `${E}/state`, { to: "draft" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ reason: "has-scores" });
    const fresh = await createTestServer();
    expect((await fresh.request("POST", `${E}/state`, { to: "draft" }, fresh.coordinatorToken)).status).toBe(200);
    await fresh.close();
  });

  it("an import of the edition keeps the stored state and schedule", async () => {
    await asCoord("POST", `${E}/state`, { to: "closed" });
    await asCoord("PUT", `${E}/schedule`, schedule([["p-5201", 1]]));
    const edited = testBundle();
    edited.edition = anEdition({ venue: "Aula baru", state: "open" });
    expect((await server.editEdition(edited, server.coordinatorToken)).status).toBe(200);
    const bundle = await asCoord<EditionBundleResponse>("GET", `${E}/bundle`);
    expect(bundle.body.edition).toMatchObject({ venue: "Aula baru", state: "closed" });
    expect(bundle.body.edition.schedule?.slots).toHaveLength(1);
  });
});

describe("schedule and current presenter", () => {
  it("saves the order, advances one tap at a time, and tablets receive it with their next pull", async () => {
    const saved = await asCoord<ScheduleResponse>(
      "PUT",
      `${E}/schedule`,
      schedule(
        [
          ["p-5202", 1],
          ["p-5201", 2],
        ],
        { participantAttendance: { "p-5202": "remote" }, memberAttendance: { "m-ketua": "remote" } },
      ),
    );
    expect(saved.body).toMatchObject({
      schedule: { slots: [{ participantId: "p-5202" }, { participantId: "p-5201" }] },
    });
    const first = await server.pull(tablet);
    const cursor = first.body.cursor;
    const a1 = await asCoord<ScheduleResponse>("POST", `${E}/schedule/advance`);
    expect(a1.body.schedule.currentParticipantId).toBe("p-5202");
    const pulled = await server.pull(tablet, { since: cursor });
    const editionRow = pulled.body.rows.find((r) => r.table === "editions");
    expect((editionRow?.record as { schedule?: EditionSchedule } | null)?.schedule?.currentParticipantId).toBe(
      "p-5202",
    );
    expect((await asCoord<ScheduleResponse>("POST", `${E}/schedule/advance`)).body.schedule.currentParticipantId).toBe(
      "p-5201",
    );
    expect(
      (await asCoord<ScheduleResponse>("POST", `${E}/schedule/advance`)).body.schedule.currentParticipantId,
    ).toBeNull();
  });

  it("refuses a schedule with two participants on one order or an unknown participant, and changes nothing", async () => {
    const before = await server.store.counts();
    const clash = await asCoord<ErrorBody>(
      "PUT",
      `${E}/schedule`,
      schedule([
        ["p-5201", 1],
        ["p-5202", 1],
      ]),
    );
    expect(clash.status).toBe(400);
    const unknown = await asCoord<ErrorBody>("PUT", `${E}/schedule`, schedule([["p-9999", 1]]));
    expect(unknown.status).toBe(400);
    expect(await server.store.counts()).toEqual(before);
  });
});

describe("recusal, board and audit", () => {
  it("a recusal recorded by the coordinator shows on the board, and the board answers 'unchanged' when nothing moved", async () => {
    await server.push(tablet, deviceIdFor("m-ketua"), [paparanScore("m-ketua", "p-5202")]);
    const first = await asCoord<BoardResponse>("GET", `${E}/board`);
    expect(first.status).toBe(200);
    expect(first.body.grid.cells["p-5202"]?.["m-ketua"]).toEqual({ state: "in-progress", scored: 1, total: 1 });
    expect(first.body.grid.cells["p-5201"]?.["m-tech"]).toEqual({ state: "empty", total: 2 });
    expect(first.body.grid.cells["p-5272"]?.["m-ketua"]).toEqual({ state: "not-assigned" });
    expect(first.body.devices.map((d) => [d.name, d.attendance])).toEqual([["Tablet m-ketua", "room"]]);
    const same = await asCoord<BoardUnchanged>("GET", `${E}/board?since=${first.body.etag}`);
    expect(same.body).toMatchObject({ unchanged: true, etag: first.body.etag });
    const recused = await asCoord("POST", `${E}/sheets/p-5201/m-ketua/recusal`, {
      recused: true,
      reason: "Kerabat bupati",
    });
    expect(recused.status).toBe(200);
    const after = await asCoord<BoardResponse>("GET", `${E}/board?since=${first.body.etag}`);
    expect(after.body.grid.cells["p-5201"]?.["m-ketua"]).toEqual({ state: "recused", reason: "Kerabat bupati" });
    // The tablet sees the recusal as a sheet row, merged like any write.
    const pulled = await server.pull(tablet);
    const sheet = pulled.body.rows.find((r) => r.table === "sheets" && r.key.includes("p-5201"));
    expect(sheet?.record).toMatchObject({ recused: true, recusalReason: "Kerabat bupati" });
  });

  it("a finalised sheet shows final on the board", async () => {
    await server.push(tablet, deviceIdFor("m-ketua"), [
      paparanScore("m-ketua", "p-5201"),
      sheetChange("m-ketua", "p-5201", { finalised: true }),
    ]);
    const board = await asCoord<BoardResponse>("GET", `${E}/board`);
    expect(board.body.grid.cells["p-5201"]?.["m-ketua"]).toEqual({ state: "final", scored: 1, total: 1 });
  });

  it("the audit search filters by member, participant, tablet and time", async () => {
    server.advance(1000);
    await server.push(tablet, deviceIdFor("m-ketua"), [
      paparanScore("m-ketua", "p-5201"),
      paparanScore("m-ketua", "p-5202"),
    ]);
    const byParticipant = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search?participant=p-5202`);
    expect(byParticipant.body.entries.length).toBeGreaterThan(0);
    expect(byParticipant.body.entries.every((e) => e.key.includes("|p-5202|"))).toBe(true);
    const byTablet = await asCoord<AuditSearchResponse>(
      "GET",
      `${E}/audit/search?device=${deviceIdFor("m-ketua")}&member=m-ketua`,
    );
    expect(byTablet.body.entries.every((e) => e.deviceId === deviceIdFor("m-ketua"))).toBe(true);
    const none = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search?member=m-tech`);
    expect(none.body.entries).toEqual([]);
    const late = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search?from=${server.now() + 1}`);
    expect(late.body.entries).toEqual([]);
    expect((await asCoord("GET", `${E}/audit/search?from=yesterday`)).status).toBe(400);
  });
});

describe("copying an edition", () => {
  it("copies NTB 2021 as 2022 in draft with the rubric, panel and source; no scores; tablets cannot join a draft", async () => {
    await server.push(tablet, deviceIdFor("m-ketua"), [paparanScore("m-ketua")]);
    const copy = await asCoord<EditionBundleResponse>("POST", `${E}/copy`, { id: "ed-2022", year: 2022 });
    expect(copy.status).toBe(201);
    expect(copy.body.edition).toMatchObject({
      id: "ed-2022",
      year: 2022,
      state: "draft",
      sourceEditionId: TEST_EDITION_ID,
    });
    const byId = (ms: { id: string; assignments: unknown }[]) =>
      Object.fromEntries(ms.map((m) => [m.id, m.assignments] as const));
    expect(byId(copy.body.members)).toEqual(byId(testBundle().members));
    const data = await asCoord<{ scores: unknown[] }>("GET", "/api/v1/editions/ed-2022/data");
    expect(data.body.scores).toEqual([]);
    expect((await asCoord<ErrorBody>("POST", `${E}/copy`, { id: "ed-2022", year: 2022 })).body.error.code).toBe(
      "edition-exists",
    );
    const { code } = await issueJoinCode(server.store, "ed-2022", "m-ketua", server.now());
    expect((await server.request("POST", "/api/v1/enrol", { code, deviceId: "d_x", deviceName: "T" })).status).toBe(
      409,
    );
  });
});
