// @vitest-environment jsdom
import { fireEvent, render, screen, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { saveDraft } from "../../src/state/edition-setup.ts";
import { SettingsForm } from "../../src/ui/coordinator/setup/SettingsForm.tsx";
import { draft, ntbDraftPerTest } from "./setup-draft.ts";

ntbDraftPerTest();
const awards = () => draft().edition.settings.awards;

describe("an award decided by indicator scores", () => {
  it("is created, explained, validated next to its field, edited and removed", async () => {
    render(<SettingsForm />);
    const before = awards().length;
    fireEvent.click(screen.getByText("Tambah Paling inovatif dari nilai indikator"));
    const index = awards().length - 1;
    expect(awards()[index]).toEqual({ kind: "indicator-rule", category: "inovatif", indicatorIds: [] });
    expect(screen.getByText(/rata-rata nilai gabungan tertinggi pada indikator yang dicentang/)).toBeTruthy();
    // One rule per category: neither "add" offers inovatif any more.
    expect(screen.queryByText("Tambah Paling inovatif")).toBeNull();
    expect(screen.queryByText("Tambah Paling inovatif dari nilai indikator")).toBeNull();

    // Saving with no indicator ticked is refused, and says so beside the indicator list; nothing is sent.
    expect(await saveDraft()).toBe("invalid");
    const path = `edition.settings.awards.${index}.indicatorIds`;
    const box = screen.getByTestId(`award-${index}-indicators`);
    expect(within(box).getByTestId(`error-${path}`).textContent).not.toBe("");

    const [first, second] = draft().rubric.components.flatMap((c) => c.indicators);
    if (!first || !second) throw new Error("the template has indicators");
    // Ticked out of order, kept in rubric order.
    fireEvent.click(within(box).getByLabelText(new RegExp(`^${second.code} · `)));
    fireEvent.click(within(box).getByLabelText(new RegExp(`^${first.code} · `)));
    expect(awards()[index]).toEqual({
      kind: "indicator-rule",
      category: "inovatif",
      indicatorIds: [first.id, second.id],
    });
    expect(screen.queryByTestId(`error-${path}`)).toBeNull();
    expect(
      screen.getByText(`Paling inovatif: nilai tertinggi pada indikator ${first.code}, ${second.code}`),
    ).toBeTruthy();

    fireEvent.click(within(box).getByLabelText(new RegExp(`^${first.code} · `)));
    expect(awards()[index]).toMatchObject({ indicatorIds: [second.id] });

    // The same category can be switched to nominations and back.
    fireEvent.change(screen.getByLabelText("Cara menentukan pemenang"), { target: { value: "nomination-count" } });
    expect(awards()[index]).toEqual({ kind: "nomination-count", category: "inovatif" });
    expect(screen.getByText(/paling banyak dinominasikan/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: /Paling inovatif: daerah dengan nominasi terbanyak/ }));
    expect(awards()).toHaveLength(before);
  });
});
