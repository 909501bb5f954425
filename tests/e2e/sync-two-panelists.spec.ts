import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { createCoordinatorAccount } from "./helpers/coordinator.ts";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import { expectNoSeriousAxeViolations, waitForServiceWorkerControl, joinThroughLink } from "./helpers/page.ts";
import { type PanelisServer, startPanelisServer } from "./helpers/server.ts";

/** Joins with the member's link while online, then opens the first assigned district. */
const joinAndOpenFirstDistrict = async (context: BrowserContext, joinUrl: string): Promise<Page> => {
  const page = context.pages()[0] ?? (await context.newPage());
  await joinThroughLink(page, joinUrl);
  await waitForServiceWorkerControl(page);
  return page;
};

test("two panelists score offline, come online, and the coordinator sees both", async () => {
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(join(tmpdir(), "panelis-e2e-db-"));
  const profiles = [newProfileDir(), newProfileDir(), newProfileDir()];
  let server: PanelisServer | null = null;
  const contexts: BrowserContext[] = [];
  try {
    server = await startPanelisServer(join(dataDir, "panelis.db"));
    const technicalUrl = server.joinUrls.get("ntb21-teknis-1");
    const panelUrl = server.joinUrls.get("ntb21-anggota-1");
    expect(technicalUrl, "join link printed for the technical reviewer").toBeTruthy();
    expect(panelUrl, "join link printed for a panel member").toBeTruthy();

    const [technical, panel, coordinator] = await Promise.all(profiles.map((dir) => launchProfile(dir)));
    contexts.push(technical as BrowserContext, panel as BrowserContext, coordinator as BrowserContext);
    const technicalPage = await joinAndOpenFirstDistrict(technical as BrowserContext, technicalUrl ?? "");
    const panelPage = await joinAndOpenFirstDistrict(panel as BrowserContext, panelUrl ?? "");

    // The hall has no network from here on.
    await technical?.setOffline(true);
    await panel?.setOffline(true);

    await technicalPage.locator("[data-testid^=assignment-] a").first().click();
    const cards = technicalPage.locator("article.indicator");
    for (let i = 0; i < 3; i += 1) {
      await cards.nth(i).locator("label.level").nth(i).click();
      await expect(cards.nth(i).locator("[data-testid=save-state]").first()).toHaveAttribute("data-status", "saved");
    }
    await expect(technicalPage.getByTestId("sync-pending")).toHaveText("3 perubahan menunggu dikirim");

    await panelPage.locator("[data-testid^=assignment-] a").first().click();
    const criteria = panelPage.locator("article.indicator");
    for (const [i, points] of [
      [0, "85"],
      [1, "78,5"],
    ] as const) {
      const input = criteria.nth(i).locator("input[inputmode=decimal]");
      await input.fill(points);
      await input.press("Enter");
      await expect(criteria.nth(i).locator("[data-testid=save-state]").first()).toHaveAttribute("data-status", "saved");
    }
    await expect(panelPage.getByTestId("sync-pending")).toHaveText("2 perubahan menunggu dikirim");
    await expectNoSeriousAxeViolations(panelPage);

    // Network back: both tablets drain their outboxes without anyone pressing a button.
    await technical?.setOffline(false);
    await panel?.setOffline(false);
    await expect(technicalPage.getByTestId("sync-pending")).toHaveText("Semua perubahan terkirim", { timeout: 30_000 });
    await expect(panelPage.getByTestId("sync-pending")).toHaveText("Semua perubahan terkirim", { timeout: 30_000 });
    await expect(technicalPage.getByTestId("sync-last")).not.toHaveText("Belum pernah sinkron");

    // The coordinator creates the first account from the printed setup link and sees both sheets.
    const coordinatorPage = coordinator?.pages()[0] ?? (await (coordinator as BrowserContext).newPage());
    await createCoordinatorAccount(coordinatorPage, server.setupUrl);
    await coordinatorPage.getByRole("button", { name: /NTB Tahun 2021/ }).click();
    const matrix = coordinatorPage.getByTestId("progress-matrix");
    await expect(matrix).toBeVisible();
    const firstRow = matrix.locator("tbody tr").first();
    await expect(firstRow.locator('[data-testid^="cell-ntb21-teknis-1-"]')).toContainText("3/");
    await expect(firstRow.locator('[data-testid^="cell-ntb21-anggota-1-"]')).toContainText("2/");
    await expectNoSeriousAxeViolations(coordinatorPage);

    await coordinatorPage.getByRole("button", { name: "Hasil" }).click();
    await expect(coordinatorPage.getByText("Aturan yang berlaku")).toBeVisible();
    await expectNoSeriousAxeViolations(coordinatorPage);
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    await server?.stop();
    for (const dir of profiles) removeProfileDir(dir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
