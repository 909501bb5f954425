// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { coordinatorStore, logout } from "../../src/state/coordinator.ts";
import { CoordinatorApp } from "../../src/ui/coordinator/CoordinatorApp.tsx";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

beforeAll(() => loadCoordinatorMessages());

afterEach(() => {
  cleanup();
  logout();
  vi.unstubAllGlobals();
});

const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe("coordinator sign-in", () => {
  it("signs in, keeps the session for this tab and lists the editions", async () => {
    const calls: string[] = [];
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? "GET"} ${url}`);
      if (url.endsWith("/auth/login")) {
        return json({ token: "tok-1", expiresAt: 0, coordinator: { id: "c1", name: "sekretariat" } });
      }
      return json({
        editions: [
          {
            id: "e1",
            title: { id: "Edisi Uji" },
            year: 2021,
            provinceCode: "52",
            provinceName: "NTB",
            isSample: true,
            version: 1,
          },
        ],
      });
    });
    render(<CoordinatorApp editionId={null} tab="progress" participantId={null} />);
    const submit = screen.getByRole("button", { name: "Masuk" }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fill("Nama pengguna", "sekretariat");
    fill("Kata sandi", "x");
    fireEvent.click(submit);
    await screen.findByRole("button", { name: /Edisi Uji/ });
    expect(calls[0]).toBe("POST /api/v1/auth/login");
    expect(coordinatorStore.getState().token).toBe("tok-1");
    expect(sessionStorage.getItem("panelis.coordinator")).toContain("tok-1");
  });

  it("creating the first account insists on the password rule before it sends anything", async () => {
    const fetch = vi.fn(async (url: string) =>
      url.endsWith("/auth/setup")
        ? json({ token: "tok-2", expiresAt: 0, coordinator: { id: "c1", name: "a" } }, 201)
        : json({ editions: [] }),
    );
    vi.stubGlobal("fetch", fetch);
    render(<CoordinatorApp editionId={null} tab="progress" participantId={null} setupToken="setup-1" />);
    const submit = screen.getByRole("button", { name: "Buat akun" }) as HTMLButtonElement;
    fill("Nama pengguna", "sekretariat");
    fill("Kata sandi", "pendek");
    expect(submit.disabled).toBe(true);
    expect(screen.getByText("Minimal 8 karakter.").className).toBe("field-error");
    fill("Kata sandi", "cukup-panjang");
    expect(submit.disabled).toBe(false);
    fireEvent.click(submit);
    await vi.waitFor(() => expect(coordinatorStore.getState().token).toBe("tok-2"));
    expect(fetch.mock.calls[0]?.[0]).toBe("/api/v1/auth/setup");
  });
});
