import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { addMembers, createCoordinatorAccount } from "./helpers/coordinator.ts";
import { launchProfile, newProfileDir, removeProfileDir } from "./helpers/browser.ts";
import {
  expectNoSeriousAxeViolations,
  openTab,
  printFirstPageToPng,
  SCREENSHOTS,
  waitForServiceWorkerControl,
  joinThroughLink,
} from "./helpers/page.ts";
import { type PanelisServer, startPanelisServer } from "./helpers/server.ts";

const MEMBERS = [
  // Agencies as long as real ones, so a card's height on the join sheet is a real card's.
  { name: "Baiq Nurul", agency: "Badan Perencanaan Pembangunan Daerah Provinsi Nusa Tenggara Barat", role: "ketua" },
  {
    name: "Lalu Ahmad",
    agency: "Dinas Pemberdayaan Masyarakat dan Desa Provinsi Nusa Tenggara Barat",
    role: "anggota",
  },
  { name: "Ni Made Sari", agency: "Fakultas Kedokteran Universitas Mataram", role: "technical" },
] as const;

/** The coordinator creates NTB 2021 from the template, entirely through the screens. */
const createNtb2021 = async (page: Page) => {
  await page.getByRole("button", { name: "Edisi baru" }).click();
  await page.getByLabel("Provinsi").selectOption("52");
  for (const aksi of [1, 2, 3, 4]) await page.getByLabel(`Aksi ${aksi}`, { exact: true }).uncheck();
  await page.getByLabel("Tahun pelaksanaan").fill("2021");
  await page.getByRole("button", { name: "Mulai menyusun" }).click();

  // Every aksi box is the same size, whether its name fits on one line or wraps onto three.
  const boxWidths = await page
    .getByRole("group", { name: "Aksi yang dinilai" })
    .getByRole("checkbox")
    .evaluateAll((boxes) => boxes.map((b) => Math.round(b.getBoundingClientRect().width)));
  expect(boxWidths).toHaveLength(8);
  expect(new Set(boxWidths)).toEqual(new Set([24]));
  await page.getByLabel("Tempat").fill("Aula Bappeda NTB, Mataram");
  await page.getByLabel("Tanggal mulai").fill("2021-07-19");
  await page.getByLabel("Tanggal selesai").fill("2021-07-19");
  await expectNoSeriousAxeViolations(page);

  await openTab(page, "Peserta");
  await page.getByLabel("Kelompok peringkat untuk peserta yang ditambahkan").fill("Kabupaten/Kota NTB");
  await page.getByRole("button", { name: /Tambah semua kabupaten\/kota provinsi ini \(10\)/ }).click();
  await expect(page.getByTestId("participants-table").locator("tbody tr")).toHaveCount(10);
  await expect(page.getByTestId("participants-table")).toContainText("5201");
  await expectNoSeriousAxeViolations(page);

  await openTab(page, "Panel");
  await addMembers(page, MEMBERS);
  await page.getByLabel("Baiq Nurul menilai Paparan").check();
  await page.getByLabel("Lalu Ahmad menilai Paparan").check();
  await page.getByLabel("Lalu Ahmad menilai Pameran / verifikasi lapangan").check();
  await page.getByLabel("Ni Made Sari menilai Reviu dokumen (web monitoring Bangda)").check();
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("button", { name: "Simpan edisi" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Tersimpan di server.");
};

test("a coordinator sets up NTB 2021 from an empty edition list, enrols a tablet through the join sheet and watches the board", async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), "panelis-e2e-coord-"));
  const profiles = [newProfileDir(), newProfileDir()];
  let server: PanelisServer | null = null;
  const contexts: BrowserContext[] = [];
  try {
    server = await startPanelisServer(join(dataDir, "panelis.db"));
    const [coordinator, tablet] = await Promise.all(profiles.map((dir) => launchProfile(dir)));
    contexts.push(coordinator as BrowserContext, tablet as BrowserContext);
    const page = (coordinator as BrowserContext).pages()[0] ?? (await (coordinator as BrowserContext).newPage());

    await createCoordinatorAccount(page, server.setupUrl);
    await createNtb2021(page);

    // Draft → open: tablets may enrol from now on.
    await expect(page.getByTestId("edition-state")).toContainText("draf");
    await page.getByRole("button", { name: "Buka penilaian" }).click();
    await page.getByTestId("confirm-state").getByRole("button", { name: "Buka penilaian" }).click();
    await expect(page.getByTestId("edition-state")).toContainText("dibuka");

    // The schedule: Lombok Timur presents first.
    await openTab(page, "Jadwal");
    const rows = page.getByTestId("schedule-table").locator("tbody tr");
    await expect(rows).toHaveCount(10);
    const up = page.getByRole("button", { name: "Naikkan Lombok Timur" });
    while (await up.isEnabled()) await up.click();
    await expect(rows.first()).toContainText("Lombok Timur");
    // At the top its ↑ cannot act, and looks it: no frame that would make it the button to press.
    expect(await up.evaluate((b) => getComputedStyle(b).borderTopColor)).toBe("rgba(0, 0, 0, 0)");
    await page.getByLabel("Ruang Lombok Timur").fill("Aula Bappeda");
    await page.getByRole("button", { name: "Simpan jadwal" }).click();
    await expect(page.getByRole("button", { name: "Peserta berikutnya" })).toBeEnabled();
    await page.getByRole("button", { name: "Peserta berikutnya" }).click();
    await expect(page.getByTestId("current-presenter")).toHaveText("Sedang presentasi: Lombok Timur");
    await expectNoSeriousAxeViolations(page);

    // The join sheet: one card per member; printed to A4 without the app around it.
    await openTab(page, "Lembar gabung");
    await page.getByRole("button", { name: "Buat kode untuk 3 anggota" }).click();
    await expect(page.getByTestId("confirm-codes")).toContainText("tidak berlaku lagi");
    await page.getByRole("button", { name: "Ya, buat kode baru" }).click();
    const cards = page.getByTestId("join-cards").locator("article");
    await expect(cards).toHaveCount(3);
    await expect(cards.locator("svg.qr")).toHaveCount(3);
    await expectNoSeriousAxeViolations(page);
    // Four cards fit an A4 page, the title's page too: all three members are on the first.
    await printFirstPageToPng(page, join(dataDir, "join-sheet.pdf"), "join-sheet-a4", [
      "Baiq Nurul",
      "Lalu Ahmad",
      "Ni Made Sari",
    ]);
    const joinLink = (await cards.filter({ hasText: "Baiq Nurul" }).locator(".join-link").textContent()) ?? "";
    expect(joinLink).toContain("#/join/");

    // The tablet enrols through the link (what the QR code holds), scores Lombok Timur offline, finalises, syncs.
    const tabletPage = (tablet as BrowserContext).pages()[0] ?? (await (tablet as BrowserContext).newPage());
    await joinThroughLink(tabletPage, joinLink, "Tablet Bu Baiq");
    await waitForServiceWorkerControl(tabletPage);
    // The district list follows the schedule and marks who is presenting.
    const districts = tabletPage.locator("[data-testid^=assignment-]");
    await expect(districts.first()).toContainText("Lombok Timur");
    await expect(districts.first().getByTestId("presenter-status")).toHaveText("Sedang presentasi");
    await expect(districts.nth(1).getByTestId("presenter-status")).toHaveText("Berikutnya");
    await tablet?.setOffline(true);
    await tabletPage.locator("[data-testid^=assignment-]", { hasText: "Lombok Timur" }).locator("a").click();
    const criteria = tabletPage.locator("article.indicator");
    const count = await criteria.count();
    for (let i = 0; i < count; i += 1) {
      const input = criteria.nth(i).locator("input[inputmode=decimal]");
      await input.fill(String(70 + i));
      await input.press("Enter");
    }
    await tabletPage.getByRole("button", { name: "Finalkan lembar penilaian" }).click();
    await tabletPage.getByRole("button", { name: "Ya, finalkan" }).click();
    await tablet?.setOffline(false);
    await expect(tabletPage.getByTestId("sync-pending")).toHaveText("Semua perubahan terkirim", { timeout: 30_000 });
    const synced = Date.now();

    // The board shows that cell final within 10 s of the sync.
    await openTab(page, "Papan kemajuan");
    const members = page.getByTestId("board-grid");
    await expect(members.locator('td[data-state="final"]')).toHaveCount(1, { timeout: 10_000 });
    expect(Date.now() - synced).toBeLessThan(10_000);
    await expect(page.getByTestId("board-devices")).toContainText("Baiq Nurul");
    // The name the panelist gave the tablet at enrolment is what the coordinator sees.
    await expect(page.getByTestId("board-devices")).toContainText("Tablet Bu Baiq");
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, "coordinator-board.png"), fullPage: true });
    // A recusal recorded by the coordinator, with its reason, shows as such on the board.
    await page.getByLabel("Anggota", { exact: true }).selectOption({ label: "Lalu Ahmad" });
    await page.getByLabel("Daerah", { exact: true }).selectOption({ label: "Lombok Barat" });
    await page.getByLabel("Alasan (kosongkan untuk membatalkan)").fill("Kerabat bupati");
    await page.getByRole("button", { name: "Catat pengunduran diri" }).click();
    await expect(members.locator('td[data-state="recused"]')).toHaveCount(1, { timeout: 10_000 });
    await members.locator('td[data-state="final"] button').click();
    await expect(page.getByTestId("sheet-peek")).toContainText("Lombok Timur");
    await page.getByTestId("sheet-peek").getByRole("button", { name: "Tutup" }).click();

    // The audit screen lists the tablet's changes.
    await openTab(page, "Jejak");
    await expect(page.getByTestId("audit-table").locator("tbody tr").first()).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // Copy as 2022, change weights, and see the diff against 2021 before saving.
    await page.getByRole("button", { name: /Kembali ke daftar edisi/ }).click();
    // The backup card on a laptop: the file picker is a 44 px button in the app's words, not the browser's
    // "Choose File", and a long edition title keeps its select inside the card.
    const pickButton = page.locator("label[for=restore-file]");
    await expect(pickButton).toHaveText("Pulihkan dari cadangan");
    expect((await pickButton.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
    const backupSelect = await page.getByTestId("backup-panel").locator("select").boundingBox();
    const backupCard = await page.getByTestId("backup-panel").boundingBox();
    expect((backupSelect?.x ?? 0) + (backupSelect?.width ?? 0)).toBeLessThanOrEqual(
      (backupCard?.x ?? 0) + (backupCard?.width ?? 0),
    );
    await page.getByRole("button", { name: "Edisi baru" }).click();
    await page.getByLabel("Salinan edisi sebelumnya").check();
    const source = await page
      .locator("#new-source option", { hasText: "Provinsi Nusa Tenggara Barat Tahun 2021" })
      .getAttribute("value");
    await page.getByLabel("Edisi yang disalin").selectOption(source ?? "");
    await page.getByLabel("Tahun pelaksanaan").fill("2022");
    await page.getByRole("button", { name: "Mulai menyusun" }).click();
    await openTab(page, "Rubrik");
    await page.locator("#c1-weight").fill("25");
    await page.locator("#c2-weight").fill("15");
    await page.getByRole("button", { name: "Simpan edisi" }).click();
    const diff = page.getByTestId("diff-dialog");
    await expect(diff).toContainText("Bobot Paparan: 20 → 25");
    await expect(diff).toContainText("Bobot Pameran / verifikasi lapangan: 20 → 15");
    await expectNoSeriousAxeViolations(page);
    await diff.getByRole("button", { name: "Simpan versi baru" }).click();
    await expect(page.getByTestId("save-state")).toHaveText("Tersimpan di server.");
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await server?.stop();
    for (const p of profiles) removeProfileDir(p);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
