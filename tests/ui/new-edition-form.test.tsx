// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadCoordinatorMessages } from "../../src/i18n/translate.ts";
import { appStore } from "../../src/state/app-store.ts";
import { closeDraft, setupStore } from "../../src/state/edition-setup.ts";
import { NewEditionForm } from "../../src/ui/coordinator/setup/NewEditionForm.tsx";

beforeAll(() => loadCoordinatorMessages());
beforeEach(() => appStore.setState({ locale: "id" }));
afterEach(() => {
  cleanup();
  closeDraft();
});

const start = () => fireEvent.submit(screen.getByRole("button", { name: "Mulai menyusun" }));

describe("starting a new edition", () => {
  it("says what is missing next to the field and moves the cursor there, instead of a greyed-out button", () => {
    const onStarted = vi.fn();
    render(<NewEditionForm onStarted={onStarted} />);
    const button = screen.getByRole("button", { name: "Mulai menyusun" }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);

    start();
    expect(screen.getByRole("alert").textContent).toBe("Pilih provinsi edisi ini dulu.");
    expect(document.activeElement?.id).toBe("new-province");
    expect(onStarted).not.toHaveBeenCalled();
    expect(setupStore.getState().draft).toBeNull();

    fireEvent.change(screen.getByLabelText("Provinsi"), { target: { value: "52" } });
    expect(screen.queryByRole("alert")).toBeNull();
    for (let a = 1; a <= 8; a++) fireEvent.click(screen.getByLabelText(`Aksi ${a}`));
    start();
    expect(screen.getByRole("alert").textContent).toBe("Centang paling sedikit satu aksi yang dinilai.");
    expect(document.activeElement?.id).toBe("new-aksi-1");
    expect(onStarted).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText("Aksi 5"));
    start();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(onStarted).toHaveBeenCalledTimes(1);
    expect(setupStore.getState().draft?.edition.aksiInScope).toEqual([5]);
    expect(setupStore.getState().draft?.edition.provinceCode).toBe("52");
  });
});
