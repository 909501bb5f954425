import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, expect, type Locator, type Page, test } from "@playwright/test";
import Database from "better-sqlite3";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import {
  expectNoSeriousAxeViolations,
  readStore,
  waitForServiceWorkerControl,
  joinThroughLink,
} from "./helpers/page.ts";
import { type PanelisServer, startPanelisServer } from "./helpers/server.ts";

const PANELIST = "ntb21-anggota-1";
const rubric = ntb2021Sample().rubric;
const memberName = (id: string) => ntb2021Sample().members.find((m) => m.id === id)?.name ?? id;
const indicatorId = (code: string) =>
  rubric.components.flatMap((c) => c.indicators).find((i) => i.code === code)?.id ?? code;

type StoredScore = {
  participantId: string;
  indicatorId: string;
  memberId: string;
  points: number | null;
  note: string;
};

let server: PanelisServer;
let dataDir = "";
const profiles: string[] = [];
const contexts: BrowserContext[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "panelis-e2e-day-"));
  server = await startPanelisServer(join(dataDir, "panelis.db"));
});

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await server?.stop();
  for (const dir of profiles.splice(0)) removeProfileDir(dir);
  rmSync(dataDir, { recursive: true, force: true });
});

const newTablet = async (): Promise<BrowserContext> => {
  const dir = newProfileDir();
  profiles.push(dir);
  const context = await launchProfile(dir);
  contexts.push(context);
  return context;
};

const join_ = async (context: BrowserContext, memberId: string): Promise<Page> => {
  const page = context.pages()[0] ?? (await context.newPage());
  await joinThroughLink(page, server.joinUrls.get(memberId) ?? "");
  await waitForServiceWorkerControl(page);
  return page;
};

const openDistrict = async (page: Page, index: number): Promise<string> => {
  await page.locator("[data-testid^=assignment-] a").nth(index).click();
  await expect(page.getByTestId("sheet-progress")).toBeVisible();
  return decodeURIComponent(new URL(page.url()).hash.replace("#/score/", ""));
};

const serverScoreCount = (): number => {
  const db = new Database(join(dataDir, "panelis.db"), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM scores").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

const serverSheetFinal = (memberId: string): boolean => {
  const db = new Database(join(dataDir, "panelis.db"), { readonly: true });
  try {
    const rows = db.prepare("SELECT json FROM sheets WHERE member_id = ?").all(memberId) as { json: string }[];
    return rows.some((row) => (JSON.parse(row.json) as { finalised?: boolean }).finalised === true);
  } finally {
    db.close();
  }
};

/** Alternates the two machine-speed ways of typing: key events with no delay, and fill; both leave with Tab. */
const typeFast = async (input: Locator, text: string, i: number) => {
  if (i % 2 === 0) {
    await input.click();
    await input.pressSequentially(text, { delay: 0 });
  } else {
    await input.fill(text);
  }
  await input.press("Tab");
};

test("typed at machine speed, with a sync running and a second tab saving, every value is stored", async () => {
  test.setTimeout(180_000);
  const context = await newTablet();
  // Every page of the tablet, from the first server-served one (with the inline early open) on, runs under the CSP.
  const refusedScripts: string[] = [];
  context.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/.test(m.text())) refusedScripts.push(m.text());
  });
  const page = await join_(context, PANELIST);
  const second = await context.newPage();
  await second.goto(server.url);
  await expect(second.locator("[data-testid^=assignment-]").first()).toBeVisible();

  const expected = new Map<string, number>();
  const notes = new Map<string, string>();
  const values = ["73", "82", "84", "72,5", "100", "0", "64.25", "91", "55,5", "88"];
  let n = 0;

  const scoreTab = async (participantId: string, codes: string[]) => {
    for (const code of codes) {
      const value = values[n % values.length] ?? "50";
      await typeFast(page.getByTestId(`points-${code}`), value, n);
      expected.set(`${participantId}|${indicatorId(code)}`, Number(value.replace(",", ".")));
      n += 1;
    }
  };

  // The second tab of the same tablet saves other fields at the same time.
  const otherTab = (async () => {
    const participantId = await openDistrict(second, 2);
    for (const [i, code] of ["P1", "P2", "P3"].entries()) {
      await typeFast(second.getByTestId(`points-${code}`), String(60 + i), i);
      expected.set(`${participantId}|${indicatorId(code)}`, 60 + i);
    }
  })();

  const first = await openDistrict(page, 0);
  await scoreTab(first, ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]);
  for (const [i, code] of ["P1", "P2", "P3", "P4", "P5"].entries()) {
    const text = `Catatan ${code}: bukti ${i + 1} dilihat, dokumen lengkap.`;
    const note = page.getByTestId(`indicator-${code}`).locator("textarea");
    await typeFast(note, text, i);
    notes.set(`${first}|${indicatorId(code)}`, text);
  }
  await page.getByRole("button", { name: "Pameran" }).click();
  await scoreTab(first, ["V1", "V2", "V3", "V4"]);
  await page.goBack();
  const secondDistrict = await openDistrict(page, 1);
  await scoreTab(secondDistrict, ["P1", "P2", "P3", "P4", "P5", "P6", "P7"]);
  await page.getByRole("button", { name: "Pameran" }).click();
  await scoreTab(secondDistrict, ["V1", "V2"]);
  await otherTab;
  expect(n).toBe(20);

  // An immediate reload: nothing typed may be missing or different.
  const reloaded = await page.reload();
  await expect(page.getByTestId("sheet-progress")).toBeVisible();
  // The service worker served the page with its start rows inside (workers/sw.ts) and without the inline early open it
  // no longer needs; the start snapshot took the rows (the block is gone) and nothing broke the server's CSP.
  expect(reloaded?.fromServiceWorker()).toBe(true);
  const served = (await reloaded?.text()) ?? "";
  expect(served).toContain('<script type="application/json" id="panelis-start-rows">');
  expect(served).not.toContain("__panelisEarlyOpen");
  await expect(page.locator("#panelis-start-rows")).toHaveCount(0);
  expect(refusedScripts).toEqual([]);
  await expect
    .poll(async () => {
      const scores = (await readStore(page, "panelis", "scores")) as StoredScore[];
      const stored = new Map(scores.map((s) => [`${s.participantId}|${s.indicatorId}`, s]));
      const wrongPoints = [...expected].filter(([key, points]) => stored.get(key)?.points !== points);
      const wrongNotes = [...notes].filter(([key, note]) => stored.get(key)?.note !== note);
      return [...wrongPoints.map(([k]) => k), ...wrongNotes.map(([k]) => k)];
    })
    .toEqual([]);
  // The decimal comma is shown back in Indonesian.
  await page.getByRole("button", { name: "Paparan" }).click();
  await expect(page.getByTestId("points-P3")).toHaveValue("72,5");
  await expect(page.getByTestId("points-P6")).toHaveValue("64,25");
  await expectNoSeriousAxeViolations(page);
});

test("practice on the sample edition is never pushed, and stays reachable as practice after enrolment", async () => {
  test.setTimeout(120_000);
  const context = await newTablet();
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  await page.getByRole("button", { name: "Muat edisi contoh" }).click();
  await expect(page.getByTestId("practice-badge")).toHaveText("Latihan");
  await page
    .getByRole("button", { name: /Panelis Anggota 2|anggota/i })
    .first()
    .click();
  await page.locator("[data-testid^=assignment-] a").first().click();
  await expect(page.getByTestId("practice-badge")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  for (const code of ["P1", "P2", "P3"]) await typeFast(page.getByTestId(`points-${code}`), "99", 1);
  await expect(page.getByTestId("indicator-P3").locator("[data-status=saved]")).toBeVisible();
  const before = serverScoreCount();

  // Joining as a member of the same edition: practice must not come along.
  await joinThroughLink(page, server.joinUrls.get("ntb21-anggota-2") ?? "");
  await expect(page.getByTestId("practice-badge")).toHaveCount(0);
  await expect(page.getByTestId("sync-pending")).toHaveText("Semua perubahan terkirim", { timeout: 30_000 });
  expect(serverScoreCount()).toBe(before);
  expect(await readStore(page, "panelis", "outbox")).toEqual([]);

  await page.getByRole("button", { name: /Muat edisi contoh|Buka latihan/ }).click();
  await expect(page.getByTestId("practice-badge")).toBeVisible();
  await page.locator("[data-testid^=assignment-] a").first().click();
  await expect(page.getByTestId("points-P1")).toHaveValue("99");
  expect(serverScoreCount()).toBe(before);
});

test("an enrolled tablet cannot open another member's sheet", async () => {
  const context = await newTablet();
  const page = await join_(context, "ntb21-anggota-3");
  await expect(page.getByRole("button", { name: "Ganti penilai" })).toHaveCount(0);
  await expect(page.getByText("Tablet ini milik penilai ini (kode gabung).")).toBeVisible();
  // Even a session pointing at another member (a stale or tampered one) opens as the enrolled member.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("panelis");
        open.onsuccess = () => {
          const tx = open.result.transaction("meta", "readwrite");
          const store = tx.objectStore("meta");
          const read = store.get("session");
          read.onsuccess = () =>
            store.put({ key: "session", value: { ...read.result.value, memberId: "ntb21-anggota-4" } });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await page.reload();
  await expect(page.locator(".member-line strong")).toHaveText(memberName("ntb21-anggota-3"));
  await expect(page.getByText(/minta kode gabung baru/)).toBeVisible();
  await expect(page.locator("[data-testid^=assignment-]").first()).toBeVisible();
});

test("a change the server refuses stays on the tablet, listed, marked and in the export", async () => {
  test.setTimeout(150_000);
  const member = "ntb21-anggota-4";
  const tabletA = await newTablet();
  const pageA = await join_(tabletA, member);
  await tabletA.setOffline(true);
  await openDistrict(pageA, 0);
  await typeFast(pageA.getByTestId("points-P1"), "77", 0);
  await expect(pageA.getByTestId("indicator-P1").locator("[data-status=saved]")).toBeVisible();

  // Meanwhile the same member finalises the sheet from a second tablet (a second join code).
  const setupToken = decodeURIComponent(server.setupUrl.split("#/setup/")[1] ?? "");
  const setup = await fetch(`${server.url}/api/v1/auth/setup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ setupToken, name: "sekretariat", password: "rahasia-bappeda" }),
  });
  const { token } = (await setup.json()) as { token: string };
  const edition = ntb2021Sample().edition.id;
  const made = await fetch(`${server.url}/api/v1/editions/${edition}/members/${member}/join-code`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: "{}",
  });
  const { code } = (await made.json()) as { code: string };
  const tabletB = await newTablet();
  const pageB = tabletB.pages()[0] ?? (await tabletB.newPage());
  await joinThroughLink(pageB, `${server.url}/#/join/${code}`);
  await openDistrict(pageB, 0);
  await pageB.getByRole("button", { name: "Finalkan lembar penilaian" }).click();
  await pageB.getByRole("button", { name: "Ya, finalkan" }).click();
  await expect(pageB.getByText(/sudah final dan hanya bisa dibaca/).first()).toBeVisible();
  // Wait until the server holds the final sheet: only then is tablet A's change sure to be refused.
  await expect.poll(() => serverSheetFinal(member), { timeout: 30_000 }).toBe(true);

  // Tablet A comes back online: its change is refused, and nothing it typed is wiped.
  await tabletA.setOffline(false);
  const list = pageA.getByTestId("refused-changes");
  await expect(list).toBeVisible({ timeout: 30_000 });
  await expect(list).toContainText("Tidak diterima server");
  await expect(list).toContainText("77");
  await expect(list).toContainText("Lembar ini sudah final di server");
  await expect(pageA.getByTestId("indicator-P1").getByTestId("refused-marker")).toBeVisible();
  // The field shows what the server holds (nothing), the typed 77 lives on in the list.
  await expect(pageA.getByTestId("points-P1")).toHaveValue("");
  await expectNoSeriousAxeViolations(pageA);

  await pageA
    .getByRole("link", { name: /Kembali/ })
    .or(pageA.getByRole("button", { name: /Kembali/ }))
    .first()
    .click();
  const [download] = await Promise.all([
    pageA.waitForEvent("download"),
    pageA.getByRole("button", { name: /Unduh cadangan/ }).click(),
  ]);
  const path = await download.path();
  const file = JSON.parse(readFileSync(path, "utf8")) as { refused: { typed: { grade?: { points: number } } }[] };
  expect(file.refused.map((r) => r.typed.grade?.points)).toEqual([77]);
});
