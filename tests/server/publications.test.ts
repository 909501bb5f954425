import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { sha256Hex } from "../../src/domain/sha256.ts";
import type { AuditSearchResponse } from "../../src/protocol/coordination.ts";
import type {
  PublicationListResponse,
  PublishedSnapshot,
  PublishResponse,
  ReadLinkCreated,
  ReadLinkListResponse,
} from "../../src/protocol/publication-wire.ts";
import type { EditionBundleResponse, ErrorBody } from "../../src/protocol/wire.ts";
import { engines, useEngines } from "../helpers/engines.ts";
import { createTestServer, deviceIdFor, TEST_EDITION_ID, type TestServer } from "../helpers/in-process-server.ts";
import { storeLastYear } from "../helpers/previous-edition.ts";
import { docScore, paparanScore } from "./mutations.ts";

useEngines();

const E = `/api/v1/editions/${TEST_EDITION_ID}`;

describe.each(engines)("%s", (engine) => {
  let server: TestServer;
  let tablet: string;

  const asCoord = <T>(method: string, path: string, body?: unknown) =>
    server.request<T>(method, path, body, server.coordinatorToken);
  const publish = (body: unknown = {}) => asCoord<PublishResponse>("POST", `${E}/publish`, body);
  const read = <T = PublishedSnapshot>(token: string, from?: string) =>
    server.request<T>("GET", `/api/v1/published/${token}`, undefined, undefined, {}, from);
  const link = async (body: unknown) => (await asCoord<ReadLinkCreated>("POST", `${E}/read-links`, body)).body;
  const p5201Total = (snapshot: PublishedSnapshot) =>
    snapshot.kind === "observer"
      ? snapshot.content.letters.find((l) => l.participantId === "p-5201")?.total
      : snapshot.district.letter.total;

  /** Scores from the tablets, then the coordinator closes the edition. */
  const scoreAndClose = async () => {
    await server.push(tablet, deviceIdFor("m-ketua"), [paparanScore("m-ketua", "p-5201", 80)]);
    const tech = await server.enrolDevice("m-tech");
    await server.push(tech, deviceIdFor("m-tech"), [
      docScore("m-tech", "p-5201", "A"),
      docScore("m-tech", "p-5201", "B", { identity: { indicatorId: "ind-1.2" } }),
    ]);
    const anggota = await server.enrolDevice("m-anggota");
    await server.push(anggota, deviceIdFor("m-anggota"), [paparanScore("m-anggota", "p-5201", 70)]);
    expect((await asCoord("POST", `${E}/state`, { to: "closed" })).status).toBe(200);
  };

  /** A later correction of the live data (e.g. after reopening): the paparan score becomes `points`. */
  const correctScore = async (points: number) => {
    const [score] = (await server.store.records.list("scores", TEST_EDITION_ID)).filter(
      (s) => s.record.componentId === "cmp-paparan",
    );
    if (!score) throw new Error("no paparan score");
    await server.store.tx((s) => s.records.put("scores", { ...score.record, points }, false, true));
  };

  beforeEach(async () => {
    server = await createTestServer({ engine });
    tablet = await server.enrolDevice("m-ketua");
  });

  afterEach(() => server.close());

  describe("who may call", () => {
    const routes: [string, string, unknown?][] = [
      ["POST", `${E}/publish`, {}],
      ["GET", `${E}/publications`],
      ["GET", `${E}/read-links`],
      ["POST", `${E}/read-links`, { kind: "observer" }],
      ["DELETE", `${E}/read-links/rl_x`],
    ];

    it.each(routes)("%s %s: a tablet gets 403, nobody gets 401, and nothing changes", async (method, path, body) => {
      await scoreAndClose();
      const before = await server.store.counts();
      expect((await server.request(method, path, body, tablet)).status).toBe(403);
      expect((await server.request(method, path, body)).status).toBe(401);
      expect(await server.store.counts()).toEqual(before);
    });
  });

  describe("publishing", () => {
    it("refuses an open edition with a worded error and stores nothing", async () => {
      const before = await server.store.counts();
      const refused = await publish();
      expect(refused.status).toBe(409);
      const body = refused.body as unknown as ErrorBody;
      expect(body.error.code).toBe("edition-not-closed");
      expect(body.error.message).toMatch(/ditutup/);
      expect(await server.store.counts()).toEqual(before);
    });

    it("a copied edition's letters say what changed since the edition it was copied from", async () => {
      await scoreAndClose();
      // Last year's edition: the same districts and indicator codes, every paparan score 10 points lower.
      await storeLastYear(server.store, TEST_EDITION_ID, "ed-2020", 10);
      expect((await publish()).status).toBe(201);
      const token = (await link({ kind: "observer" })).token;
      const snapshot = (await read(token)).body;
      if (snapshot.kind !== "observer") throw new Error("expected the observer view");
      const letter = snapshot.content.letters.find((l) => l.participantId === "p-5201");
      const changes = (letter?.indicators ?? []).map((i) => i.previous?.change ?? null);
      // Document levels stayed the same (change 0); the paparan points went up by 10.
      expect(changes.filter((c) => c !== null).sort()).toEqual([0, 0, 10]);
      expect(letter?.previous).not.toBeNull();
    });

    it("publishes a closed edition as version 1 whose hash is the content's, moves it to published and audits it", async () => {
      await scoreAndClose();
      const first = await publish();
      expect(first.status).toBe(201);
      expect(first.body.created).toBe(true);
      expect(first.body.diff).toBeNull();
      expect(first.body.publication).toMatchObject({
        version: 1,
        previousHash: null,
        publishedBy: { id: "c-test", name: "koordinator" },
        publishedAt: server.now(),
      });
      const bundle = await asCoord<EditionBundleResponse>("GET", `${E}/bundle`);
      expect(bundle.body.edition.state).toBe("published");
      const stored = await server.store.publications.latest(TEST_EDITION_ID);
      expect(await sha256Hex(canonicalJson(stored?.content))).toBe(first.body.publication.contentHash);
      const audit = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search`);
      expect(audit.body.entries.filter((e) => e.table === "publications")).toEqual([
        expect.objectContaining({
          field: "published",
          new: { version: 1, contentHash: first.body.publication.contentHash },
        }),
      ]);
      expect(audit.body.entries.some((e) => e.field === "state" && e.new === "published")).toBe(true);
    });

    it("publishing identical content again answers the latest version and stores nothing", async () => {
      await scoreAndClose();
      const first = await publish();
      const before = await server.store.counts();
      server.advance(60_000);
      const again = await publish();
      expect(again.status).toBe(200);
      expect(again.body.created).toBe(false);
      expect(again.body.publication).toEqual(first.body.publication);
      expect(await server.store.counts()).toEqual(before);
    });

    it("a later change never reaches a link until republishing makes version 2 with a diff", async () => {
      await scoreAndClose();
      const v1 = (await publish()).body.publication;
      const observer = await link({ kind: "observer" });
      const district = await link({ kind: "district", participantId: "p-5201" });
      const shownBefore = p5201Total((await read(observer.token)).body);
      expect(shownBefore).not.toBeNull();

      await correctScore(20);
      const observed = await read(observer.token);
      expect(observed.body).toMatchObject({ kind: "observer", version: 1, contentHash: v1.contentHash });
      expect(p5201Total(observed.body)).toBe(shownBefore);
      expect(p5201Total((await read(district.token)).body)).toBe(shownBefore);

      const v2 = await publish();
      expect(v2.status).toBe(201);
      expect(v2.body.publication).toMatchObject({ version: 2, previousHash: v1.contentHash });
      expect(v2.body.diff?.totals).toEqual([expect.objectContaining({ participantId: "p-5201", from: shownBefore })]);
      expect(v2.body.diff?.lettersChanged).toContain("p-5201");
      const after = await read(observer.token);
      expect(after.body.version).toBe(2);
      expect(p5201Total(after.body)).not.toBe(shownBefore);

      const list = await asCoord<PublicationListResponse>("GET", `${E}/publications`);
      expect(list.body.publications.map((p) => [p.version, p.contentHash])).toEqual([
        [2, v2.body.publication.contentHash],
        [1, v1.contentHash],
      ]);
      expect(list.body.publications[0]?.diff).toEqual(v2.body.diff);
      expect(list.body.publications[1]?.diff).toBeNull();
    });
  });

  describe("read-only links", () => {
    it("a district link shows its own letter, its group's table and peer learning, not other districts' letters", async () => {
      await scoreAndClose();
      await publish();
      const { token, link: info } = await link({ kind: "district", participantId: "p-5202" });
      expect(info).toMatchObject({ kind: "district", participantId: "p-5202", revokedAt: null });
      const shown = await read(token);
      expect(shown.status).toBe(200);
      if (shown.body.kind !== "district") throw new Error("expected a district snapshot");
      const { district } = shown.body;
      expect(district.letter.participantId).toBe("p-5202");
      expect(district.table.rows.map((r) => r.participantId)).toContain("p-5201");
      expect(district.peerLearning.indicators.length).toBeGreaterThan(0);
      const neighbour = district.cohort.find((l) => l.participantId === "p-5201");
      expect(neighbour?.indicators).toEqual([]);
      expect(neighbour?.strengths).toEqual([]);
      expect(JSON.stringify(shown.body)).not.toContain('"results"');
    });

    it("before the first publication a link answers 404 not-published; never live data", async () => {
      const { token } = await link({ kind: "observer" });
      const shown = await read<ErrorBody>(token);
      expect(shown.status).toBe(404);
      expect(shown.body.error.code).toBe("not-published");
    });

    it("lists links without tokens, revokes after which the link answers 404 with words, and audits both", async () => {
      await scoreAndClose();
      await publish();
      const { token, link: info } = await link({ kind: "observer" });
      const listed = await asCoord<ReadLinkListResponse>("GET", `${E}/read-links`);
      expect(listed.body.links).toEqual([info]);
      expect(JSON.stringify(listed.body)).not.toContain(token);
      const revoked = await asCoord<{ link: { revokedAt: number } }>("DELETE", `${E}/read-links/${info.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.link.revokedAt).toBe(server.now());
      const gone = await server.request<ErrorBody>("GET", `/api/v1/published/${token}`, undefined, undefined, {
        "Accept-Language": "en",
      });
      expect(gone.status).toBe(404);
      expect(gone.body.error).toMatchObject({ code: "read-link-invalid", message: expect.stringMatching(/revoked/) });
      const audit = await asCoord<AuditSearchResponse>("GET", `${E}/audit/search`);
      expect(audit.body.entries.filter((e) => e.table === "read_links").map((e) => e.field)).toEqual([
        "created",
        "revoked",
      ]);
    });

    it("refuses a link for an unknown district or a malformed body", async () => {
      const before = await server.store.counts();
      expect((await asCoord("POST", `${E}/read-links`, { kind: "district", participantId: "p-none" })).status).toBe(
        404,
      );
      expect((await asCoord("POST", `${E}/read-links`, { kind: "district" })).status).toBe(400);
      expect((await asCoord("POST", `${E}/read-links`, { kind: "judge" })).status).toBe(400);
      expect(await server.store.counts()).toEqual(before);
    });
  });
});

describe("guessing links is rate-limited", () => {
  it("unknown tokens drain the caller's invalid-token bucket: 404 until it is empty, then 429", async () => {
    const server = await createTestServer({ limits: { invalidToken: { capacity: 2, refillPerSecond: 0.01 } } });
    try {
      const guess = () =>
        server.request("GET", `/api/v1/published/${"x".repeat(43)}`, undefined, undefined, {}, "10.0.0.9");
      expect((await guess()).status).toBe(404);
      expect((await guess()).status).toBe(404);
      const limited = await guess();
      expect(limited.status).toBe(429);
      expect(limited.headers.get("Retry-After")).toBeTruthy();
      // Another address is not held back.
      expect(
        (await server.request("GET", `/api/v1/published/${"y".repeat(43)}`, undefined, undefined, {}, "10.0.0.10"))
          .status,
      ).toBe(404);
    } finally {
      await server.close();
    }
  });
});
