import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, expect, test } from "@playwright/test";
import { createCoordinatorAccount } from "./helpers/coordinator.ts";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import { expectNoSeriousAxeViolations } from "./helpers/page.ts";
import { type PanelisServer, startPanelisServer } from "./helpers/server.ts";

const EDITION = "sample-maluku-2020";

test("the coordinator publishes Maluku 2020, hands a district its link, and the district reads version 1 without signing in", async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), "panelis-e2e-publish-"));
  const profiles = [newProfileDir(), newProfileDir()];
  let server: PanelisServer | null = null;
  const contexts: BrowserContext[] = [];
  try {
    server = await startPanelisServer(join(dataDir, "panelis.db"));
    const [coordinator, district] = await Promise.all(profiles.map((dir) => launchProfile(dir)));
    contexts.push(coordinator as BrowserContext, district as BrowserContext);
    const page = (coordinator as BrowserContext).pages()[0] ?? (await (coordinator as BrowserContext).newPage());

    await createCoordinatorAccount(page, server.setupUrl);
    await page.getByRole("button", { name: /Provinsi Maluku Tahun 2020/ }).click();
    await page.locator("fieldset.tabs button").filter({ hasText: "Dokumen dan ekspor" }).click();
    await expect(page).toHaveURL(new RegExp(`#/coordinator/${EDITION}/documents$`));

    // Still open: publishing waits for the edition to close.
    await page.getByRole("button", { name: "Penerbitan" }).click();
    await expect(page.getByTestId("published-version")).toHaveText(
      "Belum pernah diterbitkan: semua dokumen masih DRAF.",
    );
    await expect(page.getByTestId("publish-panel").getByRole("button", { name: "Terbitkan" })).toBeDisabled();
    await page.getByTestId("edition-state").getByRole("button", { name: "Tutup penilaian" }).click();
    await page.getByTestId("confirm-state").getByRole("button", { name: "Tutup penilaian" }).click();
    await expect(page.getByTestId("edition-state")).toContainText("ditutup");

    await page.getByTestId("publish-panel").getByRole("button", { name: "Terbitkan" }).click();
    await page.getByTestId("confirm-publish").getByRole("button", { name: "Terbitkan" }).click();
    await expect(page.getByTestId("publish-result")).toHaveText("Versi 1 diterbitkan.");
    const hash = (await page.getByTestId("published-version").locator("code").textContent()) ?? "";
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(page.getByTestId("draft-state")).toContainText("sama dengan versi 1");
    await expectNoSeriousAxeViolations(page);

    // A district's link, made and read from the address field.
    const row = page.locator("[data-testid^=link-]").filter({ hasText: "Kota Ambon" });
    await row.getByRole("button", { name: "Buat tautan" }).click();
    const address = row.getByLabel(/Alamat tautan untuk Kota Ambon/);
    await expect(address).toHaveValue(/#\/published\//);
    const link = await address.inputValue();

    const reader = (district as BrowserContext).pages()[0] ?? (await (district as BrowserContext).newPage());
    await reader.goto(link);
    await expect(reader.getByTestId("published-meta")).toContainText("Versi 1, diterbitkan", { timeout: 30_000 });
    await expect(reader.getByTestId("published-page")).toContainText(hash);
    await expect(reader.locator("article.doc-page")).toHaveCount(1);
    await expect(reader.getByTestId("publication-line")).toContainText(`Terbitan versi 1 · sidik ${hash.slice(0, 12)}`);
    await expect(reader.getByTestId("peer-learning")).toBeVisible();
    await expectNoSeriousAxeViolations(reader);

    // A district official opens the link on a phone: nothing is wider than the screen (the hash breaks, the
    // language options shorten, a wide table scrolls in its own box), and each indicator is a card of its own.
    await reader.setViewportSize({ width: 360, height: 740 });
    const overflow = await reader.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await expect(reader.getByRole("radio", { name: "English" })).toBeAttached();
    const indicatorRow = reader.getByTestId("indicator-table").locator("tbody tr").first();
    expect(await indicatorRow.evaluate((row) => getComputedStyle(row).display)).toBe("block");
    const target = indicatorRow.getByTestId("target");
    expect(await target.evaluate((cell) => getComputedStyle(cell, "::before").content)).toBe('"Target berikutnya"');
    await expectNoSeriousAxeViolations(reader);

    // Revoked: the same address now says so in words.
    await row.getByRole("button", { name: "Cabut" }).click();
    await page.getByTestId("confirm-revoke-link").getByRole("button", { name: "Cabut" }).click();
    await expect(row.getByRole("button", { name: "Buat tautan" })).toBeVisible();
    await reader.reload();
    await expect(reader.getByTestId("published-error")).toContainText("tidak dikenal atau sudah dicabut");
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
    await server?.stop();
    profiles.forEach(removeProfileDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
