// @vitest-environment jsdom
/*
 * The coordinator publishes from the Documents tab against a real in-process server,
 * and a read-only link's holder opens the public page: the screens as users act.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadCoordinatorMessages, loadLocale } from "../../../src/i18n/translate.ts";
import { appStore } from "../../../src/state/app-store.ts";
import { coordinatorStore, refreshEdition } from "../../../src/state/coordinator.ts";
import { initialPublicationState, publicationStore } from "../../../src/state/publication-actions.ts";
import { DocumentsView } from "../../../src/ui/coordinator/DocumentsView.tsx";
import { PublishedPage } from "../../../src/ui/published/PublishedPage.tsx";
import type { ReadLinkCreated } from "../../../src/protocol/publication-wire.ts";
import { createTestServer, deviceIdFor, TEST_EDITION_ID, type TestServer } from "../../helpers/in-process-server.ts";
import { storeLastYear } from "../../helpers/previous-edition.ts";
import { docScore, paparanScore } from "../../server/mutations.ts";

const E = `/api/v1/editions/${TEST_EDITION_ID}`;
let server: TestServer;

beforeAll(() => loadCoordinatorMessages());

beforeEach(async () => {
  server = await createTestServer();
  const ketua = await server.enrolDevice("m-ketua");
  await server.push(ketua, deviceIdFor("m-ketua"), [paparanScore("m-ketua", "p-5201", 80)]);
  const anggota = await server.enrolDevice("m-anggota");
  await server.push(anggota, deviceIdFor("m-anggota"), [paparanScore("m-anggota", "p-5201", 70)]);
  const tech = await server.enrolDevice("m-tech");
  await server.push(tech, deviceIdFor("m-tech"), [
    docScore("m-tech", "p-5201", "A"),
    docScore("m-tech", "p-5201", "B", { identity: { indicatorId: "ind-1.2" } }),
  ]);
  vi.stubGlobal("fetch", server.fetch);
  coordinatorStore.setState({ token: server.coordinatorToken, editionId: null, bundle: null });
  publicationStore.setState(initialPublicationState());
  localStorage.clear();
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await server.close();
});

const close = () => server.request("POST", `${E}/state`, { to: "closed" }, server.coordinatorToken);

const openPublishing = async () => {
  await refreshEdition(TEST_EDITION_ID, true);
  render(<DocumentsView editionId={TEST_EDITION_ID} />);
  fireEvent.click(screen.getByRole("button", { name: "Penerbitan" }));
  await waitFor(() => expect(publicationStore.getState().versions).not.toBeNull());
};

const confirmPublish = async (button: string) => {
  fireEvent.click(screen.getByRole("button", { name: button }));
  const dialog = screen.getByRole("dialog", { name: "Terbitkan hasil?" });
  fireEvent.click(within(dialog).getByRole("button", { name: button }));
};

const correctScore = async (points: number) => {
  const [score] = (await server.store.records.list("scores", TEST_EDITION_ID)).filter(
    (s) => s.record.componentId === "cmp-paparan",
  );
  if (!score) throw new Error("no paparan score");
  await server.store.tx((s) => s.records.put("scores", { ...score.record, points }, false, true));
};

describe("publishing from the Documents tab", () => {
  it("an open edition cannot be published yet and says what to do", async () => {
    await openPublishing();
    expect(screen.getByText("Belum pernah diterbitkan: semua dokumen masih DRAF.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Terbitkan" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Tutup penilaian dulu/)).toBeTruthy();
  });

  it("an edition marked published without a version (an older server allowed that) says so and still offers to publish", async () => {
    await close();
    // The state route now refuses this move; only data from before that rule can be in this state.
    const refused = await server.request("POST", `${E}/state`, { to: "published" }, server.coordinatorToken);
    expect(refused.status).toBe(409);
    await server.store.tx(async (s) => {
      const stored = await s.editions.get(TEST_EDITION_ID);
      if (stored) await s.editions.put({ ...stored.edition, state: "published" }, server.now());
    });
    await openPublishing();
    expect(screen.getByText(/belum ada versi terbitan/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Terbitkan" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("a copied edition: the draft letters compare with last year, and after publishing equal version 1", async () => {
    await close();
    await storeLastYear(server.store, TEST_EDITION_ID, "ed-2020", 10);
    await openPublishing();
    await waitFor(() => expect(publicationStore.getState().previous?.bundle.edition.id).toBe("ed-2020"));
    await confirmPublish("Terbitkan");
    await waitFor(() => expect(screen.getByTestId("publish-result").textContent).toBe("Versi 1 diterbitkan."));
    // The server compared with the same edition: the live content hashes to version 1.
    await waitFor(() => expect(screen.getByTestId("draft-state").textContent).toMatch(/sama dengan versi 1/));
  });

  it("asks first; cancelling publishes nothing, confirming shows version 1 and the server's hash", async () => {
    await close();
    await openPublishing();
    fireEvent.click(screen.getByRole("button", { name: "Terbitkan" }));
    const dialog = screen.getByRole("dialog", { name: "Terbitkan hasil?" });
    expect(dialog.textContent).toMatch(/dibekukan sebagai versi 1/);
    expect(dialog.textContent).toMatch(/tidak ditampilkan/);
    fireEvent.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await server.store.publications.latest(TEST_EDITION_ID)).toBeUndefined();

    await confirmPublish("Terbitkan");
    await waitFor(() => expect(screen.getByTestId("publish-result").textContent).toBe("Versi 1 diterbitkan."));
    const stored = await server.store.publications.latest(TEST_EDITION_ID);
    expect(screen.getByTestId("published-version").textContent).toContain(stored?.contentHash);
    // The live documents now equal version 1, so they carry it instead of DRAFT.
    await waitFor(() => expect(screen.getByTestId("draft-state").textContent).toMatch(/sama dengan versi 1/));
  });

  it("after a later change the documents say draft; republishing makes version 2 and lists what changed", async () => {
    await close();
    await openPublishing();
    await confirmPublish("Terbitkan");
    await waitFor(() => expect(screen.getByTestId("publish-result")).toBeTruthy());
    await correctScore(20);
    await refreshEdition(TEST_EDITION_ID);
    await waitFor(() => expect(screen.getByTestId("draft-state").textContent).toMatch(/berbeda dari versi 1/));

    fireEvent.click(screen.getByRole("button", { name: "Terbitkan ulang" }));
    expect(screen.getByRole("dialog").textContent).toMatch(/terbit versi 2/);
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Terbitkan ulang" }));
    await waitFor(() => expect(screen.getByTestId("publish-result").textContent).toBe("Versi 2 diterbitkan."));
    const diff = screen.getByTestId("diff-2");
    expect(diff.textContent).toMatch(/Perubahan dari versi 1 ke versi 2/);
    expect(diff.textContent).toMatch(/Lombok Barat: nilai akhir/);
    expect(within(screen.getByTestId("publication-history")).getAllByRole("listitem").length).toBeGreaterThanOrEqual(2);
  });

  it("makes an observer link with a labelled address, and revokes it only after confirming", async () => {
    await openPublishing();
    const row = screen.getByTestId("link-observer");
    fireEvent.click(within(row).getByRole("button", { name: "Buat tautan" }));
    const address = (await within(row).findByLabelText(/Alamat tautan untuk Pengamat/)) as HTMLInputElement;
    expect(address.value).toMatch(/#\/published\/[A-Za-z0-9_-]{43}$/);
    expect(within(row).getByRole("button", { name: "Salin" })).toBeTruthy();

    fireEvent.click(within(row).getByRole("button", { name: "Cabut" }));
    const dialog = screen.getByRole("dialog", { name: /Cabut tautan untuk Pengamat/ });
    fireEvent.click(within(dialog).getByRole("button", { name: "Batal" }));
    expect((await server.store.readLinks.list(TEST_EDITION_ID))[0]?.revokedAt).toBeNull();
    fireEvent.click(within(row).getByRole("button", { name: "Cabut" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cabut" }));
    await waitFor(() => expect(within(row).getByRole("button", { name: "Buat tautan" })).toBeTruthy());
    expect((await server.store.readLinks.list(TEST_EDITION_ID))[0]?.revokedAt).not.toBeNull();
  });
});

describe("the public read-only page", () => {
  const makeLink = async (body: unknown) =>
    (await server.request<ReadLinkCreated>("POST", `${E}/read-links`, body, server.coordinatorToken)).body.token;

  it("shows a district its own letter, its group's table and peer learning, with version and hash", async () => {
    await close();
    await server.request("POST", `${E}/publish`, {}, server.coordinatorToken);
    const token = await makeLink({ kind: "district", participantId: "p-5201" });
    render(<PublishedPage token={token} />);
    const page = await screen.findByTestId("published-page");
    const hash = (await server.store.publications.latest(TEST_EDITION_ID))?.contentHash ?? "";
    expect(page.textContent).toContain(hash);
    expect(screen.getByTestId("published-meta").textContent).toMatch(/^Versi 1, diterbitkan/);
    expect(screen.getByTestId("letter-p-5201")).toBeTruthy();
    expect(screen.queryByTestId("letter-p-5202")).toBeNull();
    const table = page.querySelector("[data-testid^='group-table-']") as HTMLElement;
    expect(
      within(table)
        .getAllByRole("row")
        .map((r) => r.textContent),
    ).toEqual([
      expect.stringMatching(/^Peringkat/),
      expect.stringMatching(/^1Lombok Barat5201/),
      expect.stringMatching(/^—Lombok Tengah5202—$/),
      expect.stringMatching(/^—Kota Bima \(peninjau\)5272—$/),
    ]);
    expect(screen.getByTestId("peer-learning")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Hasil penilaian kinerja yang diterbitkan");
  });

  it("reads in English when the page is switched to English, the server's words included", async () => {
    await close();
    await server.request("POST", `${E}/publish`, {}, server.coordinatorToken);
    const token = await makeLink({ kind: "observer" });
    await loadLocale("en");
    appStore.setState({ locale: "en" });
    try {
      render(<PublishedPage token={token} />);
      expect((await screen.findByRole("heading", { level: 1 })).textContent).toBe(
        "Published performance assessment results",
      );
      expect(screen.getByTestId("published-meta").textContent).toMatch(/^Version 1, published/);
      expect(screen.getByLabelText("Letter for")).toBeTruthy();
      cleanup();
      render(<PublishedPage token="unknown-token-0123456789" />);
      expect((await screen.findByTestId("published-error")).textContent).toMatch(/unknown or has been revoked/);
    } finally {
      appStore.setState({ locale: "id" });
    }
  });

  it("a revoked link says so in words and offers to try again", async () => {
    const token = await makeLink({ kind: "observer" });
    const [link] = await server.store.readLinks.list(TEST_EDITION_ID);
    await server.request("DELETE", `${E}/read-links/${link?.id}`, undefined, server.coordinatorToken);
    render(<PublishedPage token={token} />);
    const error = await screen.findByTestId("published-error");
    expect(error.textContent).toMatch(/tidak dikenal atau sudah dicabut/);
    expect(screen.getByRole("button", { name: "Coba lagi" })).toBeTruthy();
  });
});
