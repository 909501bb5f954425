import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import { expectNoSeriousAxeViolations, waitForServiceWorkerControl } from "./helpers/page.ts";
import { type RunningServer, startStaticServer } from "./helpers/server.ts";

type Lang = "id" | "en";

const TEXT = {
  id: {
    loadSample: "Muat edisi contoh",
    technical: /Tim Teknis/,
    saved: "Tersimpan di perangkat ini",
    waiting: (n: number) => `${n} perubahan menunggu dikirim`,
    progress: (a: number, b: number) => `${a} dari ${b} indikator dinilai`,
    offline: "Luring",
  },
  en: {
    loadSample: "Load sample edition",
    technical: /Technical team/,
    saved: "Saved on this device",
    waiting: (n: number) => `${n} changes waiting to be sent`,
    progress: (a: number, b: number) => `${a} of ${b} indicators scored`,
    offline: "Offline",
  },
} as const;

type OutboxRow = { status: string; key: string; mutation: { table: string; changes: Record<string, unknown> } };

const readOutbox = (page: Page): Promise<OutboxRow[]> =>
  page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open("panelis");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction("outbox").objectStore("outbox").getAll();
          request.onsuccess = () => {
            resolve(request.result as OutboxRow[]);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );

for (const lang of ["id", "en"] as const satisfies readonly Lang[]) {
  test(`panelist scores offline, restarts with the server gone, and finds everything (${lang})`, async () => {
    const text = TEXT[lang];
    const profile = newProfileDir();
    let server: RunningServer | null = await startStaticServer();
    let context: BrowserContext | null = await launchProfile(profile, lang === "id" ? "id-ID" : "en-GB");
    try {
      const baseUrl = server.url;
      let page = context.pages()[0] ?? (await context.newPage());
      await page.goto(baseUrl);
      await waitForServiceWorkerControl(page);

      if (lang === "en") await page.getByText("English", { exact: true }).click();
      await page.getByRole("button", { name: text.loadSample }).click();
      await expectNoSeriousAxeViolations(page);
      await page.getByRole("button", { name: text.technical }).first().click();
      await expect(page.locator("[data-testid^=assignment-]").first()).toBeVisible();

      // Everything from here on happens with no network at all.
      await context.setOffline(true);
      await page.reload();
      await expect(page.getByTestId("sync-network")).toHaveText(text.offline);
      const firstAssignment = page.locator("[data-testid^=assignment-]").first();
      await firstAssignment.locator("a").click();
      await expect(page.getByTestId("sheet-progress")).toBeVisible();

      const scored: Array<{ code: string; letter: string }> = [];
      const aksiTabs = page.locator(".tabs-aksi .tab");
      const tabCount = Math.max(1, await aksiTabs.count());
      for (let tab = 0; tab < tabCount && scored.length < 10; tab += 1) {
        if ((await aksiTabs.count()) > 0) await aksiTabs.nth(tab).click();
        const cards = page.locator("article.indicator");
        const count = await cards.count();
        for (let i = 0; i < count && scored.length < 10; i += 1) {
          const card = cards.nth(i);
          const levels = card.locator("label.level");
          const letterIndex = scored.length % (await levels.count());
          const level = levels.nth(letterIndex);
          const letter = ((await level.locator(".level-letter").textContent()) ?? "").trim();
          await level.click();
          await expect(card.locator("[data-testid=save-state]").first()).toHaveText(`✓ ${text.saved}`);
          const code = (await card.getAttribute("data-testid"))?.replace("indicator-", "") ?? "";
          scored.push({ code, letter });
        }
      }
      expect(scored).toHaveLength(10);

      const noteCard = page.locator(`[data-testid="indicator-${scored[9]?.code}"]`);
      const note = "Dokumen reviu kinerja tersedia dan ditandatangani bupati.";
      await noteCard.locator("textarea").fill(note);
      await noteCard.locator("textarea").blur();
      await expect(noteCard.locator("[data-testid=save-state]").last()).toHaveText(`✓ ${text.saved}`);
      await expect(page.getByTestId("sync-pending")).toHaveText(text.waiting(11));

      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: `tests/e2e/__screenshots__/scoring-1280x800-${lang}.png`, fullPage: false });
      const scoringUrl = page.url();
      const progressBefore = (await page.getByTestId("sheet-progress").textContent()) ?? "";
      expect(progressBefore).toContain(text.progress(10, 0).split(" ")[0] ?? "10");

      // Switch the tablet off: close the browser and take the server away entirely.
      await context.close();
      context = null;
      await server.stop();
      server = null;

      context = await launchProfile(profile, lang === "id" ? "id-ID" : "en-GB");
      page = context.pages()[0] ?? (await context.newPage());
      await page.goto(scoringUrl);
      await expect(page.getByTestId("sheet-progress")).toHaveText(progressBefore);
      for (const { code, letter } of scored) {
        const card = page.locator(`[data-testid="indicator-${code}"]`);
        if (!(await card.isVisible())) {
          const aksi = code.split(".")[0];
          await page
            .locator(".tabs-aksi .tab", { hasText: new RegExp(`^\\S+ ${aksi} `) })
            .first()
            .click();
        }
        await expect(card.locator("label.level.is-checked .level-letter")).toHaveText(letter);
      }
      const lastCode = scored[9]?.code ?? "";
      const lastAksi = lastCode.split(".")[0];
      await page
        .locator(".tabs-aksi .tab", { hasText: new RegExp(`^\\S+ ${lastAksi} `) })
        .first()
        .click();
      await expect(page.locator(`[data-testid="indicator-${lastCode}"] textarea`)).toHaveValue(note);
      await expect(page.getByTestId("sync-pending")).toHaveText(text.waiting(11));

      const outbox = await readOutbox(page);
      const pending = outbox.filter((row) => row.status === "pending");
      expect(pending).toHaveLength(11);
      expect(pending.filter((row) => "grade" in row.mutation.changes)).toHaveLength(10);
      expect(pending.filter((row) => row.mutation.changes.note === note)).toHaveLength(1);
      expect(new Set(pending.filter((row) => "grade" in row.mutation.changes).map((row) => row.key)).size).toBe(10);
    } finally {
      await context?.close();
      await server?.stop();
      removeProfileDir(profile);
    }
  });
}
