// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { act, configure, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appStore } from "../../src/state/app-store.ts";
import { startSync, stopSync } from "../../src/state/index.ts";
import type { SyncClient } from "../../src/sync-client/index.ts";
import { App } from "../../src/ui/App.tsx";
import { fakeSyncClient } from "../helpers/fake-sync-client.ts";
import { appPerTest } from "./helpers.ts";

configure({ asyncUtilTimeout: 5000 });

appPerTest("enrol-name");

/** A sync client that records what enrolment was asked for and refuses it as a wrong code. */
const recordingClient = (calls: Array<[string, string]>): SyncClient =>
  fakeSyncClient({
    enrol: async (code, deviceName) => {
      calls.push([code, deviceName]);
      return { ok: false, error: { key: "join-code-invalid", detail: "", at: 0 } } as never;
    },
  });

describe("naming the tablet at enrolment", () => {
  const hadWorker = "Worker" in globalThis;
  beforeEach(() => {
    // startSync runs only where workers exist; the recording client stands in for the worker.
    if (!hadWorker) (globalThis as { Worker?: unknown }).Worker = class {};
  });
  afterEach(async () => {
    await stopSync();
    if (!hadWorker) delete (globalThis as { Worker?: unknown }).Worker;
  });

  it("sends the name the panelist typed, trimmed, capped to what the server keeps", async () => {
    const calls: Array<[string, string]> = [];
    await startSync(() => recordingClient(calls));
    render(<App />);
    const code = await screen.findByLabelText("Kode gabung");
    const name = screen.getByLabelText(/Nama tablet ini/) as HTMLInputElement;
    expect(name.maxLength).toBe(60);
    expect(name.getAttribute("aria-describedby")).toBe("device-name-hint");
    expect(screen.getByText(/Jika kosong, dipakai "Tablet" dan nama Anda/)).toBeTruthy();
    fireEvent.input(code, { target: { value: "K7P-42Q" } });
    fireEvent.input(name, { target: { value: "  Tablet Bu Baiq " } });
    fireEvent.click(screen.getByRole("button", { name: "Gabung" }));
    await waitFor(() => expect(calls).toEqual([["K7P-42Q", "Tablet Bu Baiq"]]));
  });

  it("left empty, no name is sent (the server names the tablet after its member)", async () => {
    const calls: Array<[string, string]> = [];
    await startSync(() => recordingClient(calls));
    render(<App />);
    fireEvent.input(await screen.findByLabelText("Kode gabung"), { target: { value: "K7P-42Q" } });
    fireEvent.click(screen.getByRole("button", { name: "Gabung" }));
    await waitFor(() => expect(calls).toEqual([["K7P-42Q", ""]]));
  });

  it("a join link fills the code and waits for the panelist to name the tablet and tap Gabung", async () => {
    const calls: Array<[string, string]> = [];
    await startSync(() => recordingClient(calls));
    render(<App />);
    await screen.findByLabelText("Kode gabung");
    act(() => appStore.setState({ route: { name: "join", code: "K7P-42Q" } }));
    await screen.findByText(/Kode sudah terisi dari tautan/);
    const name = (await screen.findByLabelText(/Nama tablet ini/)) as HTMLInputElement;
    expect((screen.getByLabelText("Kode gabung") as HTMLInputElement).value).toBe("K7P-42Q");
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(calls).toEqual([]);
    fireEvent.input(name, { target: { value: "Tablet Bu Baiq" } });
    fireEvent.click(screen.getByRole("button", { name: "Gabung" }));
    await waitFor(() => expect(calls).toEqual([["K7P-42Q", "Tablet Bu Baiq"]]));
  });

  it("a tap without a network is kept and carried out when the network returns", async () => {
    const calls: Array<[string, string]> = [];
    await startSync(() => recordingClient(calls));
    render(<App />);
    fireEvent.input(await screen.findByLabelText("Kode gabung"), { target: { value: "K7P-42Q" } });
    act(() => appStore.setState({ online: false }));
    fireEvent.click(screen.getByRole("button", { name: "Gabung" }));
    expect((await screen.findByTestId("join-waiting")).textContent).toMatch(/bergabung begitu jaringan tersambung/);
    expect(calls).toEqual([]);
    act(() => appStore.setState({ online: true }));
    await waitFor(() => expect(calls).toEqual([["K7P-42Q", ""]]));
    expect(screen.queryByTestId("join-waiting")).toBeNull();
  });
});
