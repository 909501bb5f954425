import type { Page } from "@playwright/test";

/** The first coordinator account, made through the one-time setup link `npm start` prints. */
export const createCoordinatorAccount = async (page: Page, setupUrl: string, password = "rahasia-bappeda") => {
  await page.goto(setupUrl);
  await page.getByLabel("Nama pengguna").fill("sekretariat");
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Buat akun" }).click();
};

export type PanelMember = { name: string; agency: string; role: string };

/** Adds the members on the set-up's Panel section, in order (the section must be open). */
export const addMembers = async (page: Page, members: readonly PanelMember[]) => {
  for (const [i, m] of members.entries()) {
    await page.getByRole("button", { name: "Tambah anggota" }).click();
    await page.locator(`#member-${i}-name`).fill(m.name);
    await page.locator(`#member-${i}-agency`).fill(m.agency);
    await page.locator(`#member-${i}-role`).selectOption(m.role);
  }
};
