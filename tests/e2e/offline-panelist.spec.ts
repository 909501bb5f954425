import { type BrowserContext, expect, test } from "@playwright/test";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import { expectNoSeriousAxeViolations, readStore, waitForServiceWorkerControl } from "./helpers/page.ts";
import { type RunningServer, startStaticServer } from "./helpers/server.ts";

type Lang = "id" | "en";

const TEXT = {
  id: {
    loadSample: "Muat edisi contoh",
    technical: /Tim Teknis/,
    saved: "Tersimpan di perangkat ini",
    progress: (a: number, b: number) => `${a} dari ${b} indikator dinilai`,
    offline: "Luring",
  },
  en: {
    loadSample: "Load sample edition",
    technical: /Technical team/,
    saved: "Saved on this device",
    progress: (a: number, b: number) => `${a} of ${b} indicators scored`,
    offline: "Offline",
  },
} as const;

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
          await expect(card.locator("[data-testid=save-state]").first()).toContainText(`✓ ${text.saved}`);
          const code = (await card.getAttribute("data-testid"))?.replace("indicator-", "") ?? "";
          scored.push({ code, letter });
        }
      }
      expect(scored).toHaveLength(10);

      const noteCard = page.locator(`[data-testid="indicator-${scored[9]?.code}"]`);
      const note = "Dokumen reviu kinerja tersedia dan ditandatangani bupati.";
      await noteCard.locator("textarea").fill(note);
      await noteCard.locator("textarea").blur();
      await expect(noteCard.locator("[data-testid=save-state]").last()).toContainText(`✓ ${text.saved}`);
      // Practice: shown as such, and nothing waits to be sent.
      await expect(page.getByTestId("practice-badge")).toBeVisible();

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
      await expect(page.getByTestId("practice-badge")).toBeVisible();

      // The practice space keeps every score in its own database; the real outbox stays empty.
      const scores = (await readStore(page, "panelis-practice", "scores")) as { level: string | null; note: string }[];
      expect(scores.filter((s) => s.level !== null)).toHaveLength(10);
      expect(scores.filter((s) => s.note === note)).toHaveLength(1);
      expect(await readStore(page, "panelis-practice", "outbox")).toEqual([]);
      expect(await readStore(page, "panelis", "outbox")).toEqual([]);
    } finally {
      await context?.close();
      await server?.stop();
      removeProfileDir(profile);
    }
  });
}
