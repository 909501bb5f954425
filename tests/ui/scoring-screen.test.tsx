// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { configure, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { formatStamp, stampMillis } from "../../src/domain/hlc.ts";
import { sheetKey } from "../../src/domain/keys.ts";
import { emptySheetRecord } from "../../src/domain/merge.ts";
import { ntb2021Sample } from "../../src/domain/templates/index.ts";
import { navigate } from "../../src/state/index.ts";
import { openStorage } from "../../src/storage/index.ts";
import { App } from "../../src/ui/App.tsx";
import { appPerTest, openRealEdition, pendingIn } from "./helpers.ts";

// A shared, busy machine: give storage round trips time before a query gives up.
configure({ asyncUtilTimeout: 5000 });

const technicalMember = () => {
  const member = ntb2021Sample().members.find((m) => m.role === "technical");
  if (!member) throw new Error("sample edition has no technical reviewer");
  return member;
};

const firstParticipantOf = (memberId: string) => {
  const bundle = ntb2021Sample();
  const member = bundle.members.find((m) => m.id === memberId);
  const participantId = member?.assignments[0]?.participantIds[0];
  const participant = bundle.participants.find((p) => p.id === participantId);
  if (!participant) throw new Error("no assignment");
  return participant;
};

const pendingOutbox = () => pendingIn(app.dbName());

const openScoringScreen = async () => {
  const member = technicalMember();
  const participant = firstParticipantOf(member.id);
  await openRealEdition(app.dbName(), member.id);
  render(<App />);
  navigate({ name: "score", participantId: participant.id });
  await screen.findByRole("heading", { level: 1, name: new RegExp(participant.name) }, { timeout: 5000 });
  return { member, participant };
};

const app = appPerTest("ui");

describe("scoring screen", () => {
  it("choosing a level shows it saved only after it is in storage with its outbox entry", async () => {
    await openScoringScreen();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    const levelB = within(card).getAllByRole("radio")[1] as HTMLInputElement;
    fireEvent.click(levelB);
    await within(card).findByText(/Tersimpan di perangkat ini/);
    expect(levelB.checked).toBe(true);
    const outbox = await pendingOutbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.mutation.changes).toEqual({ grade: { level: levelB.value, points: null } });
  });

  it("writing a note saves it when the field is left", async () => {
    await openScoringScreen();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    const note = within(card).getByRole("textbox");
    fireEvent.focus(note);
    fireEvent.input(note, { target: { value: "Perbup tentang peran desa sudah terbit." } });
    fireEvent.blur(note);
    await waitFor(async () => {
      const outbox = await pendingOutbox();
      expect(outbox.map((row) => row.mutation.changes)).toContainEqual({
        note: "Perbup tentang peran desa sudah terbit.",
      });
    });
    await within(card).findByText(/Tersimpan di perangkat ini/);
  });

  it("a note being typed is not called saved until it is", async () => {
    await openScoringScreen();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    const note = within(card).getByRole("textbox");
    fireEvent.focus(note);
    fireEvent.input(note, { target: { value: "Dokumen ada." } });
    fireEvent.blur(note);
    await within(card).findByText(/Tersimpan di perangkat ini/);
    fireEvent.focus(note);
    fireEvent.input(note, { target: { value: "Dokumen ada, belum ditandatangani." } });
    expect(within(card).queryByText(/Tersimpan di perangkat ini/)).toBeNull();
    fireEvent.blur(note);
    await within(card).findByText(/Tersimpan di perangkat ini/);
  });

  it("undo restores the previous level as a new change", async () => {
    await openScoringScreen();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    const radios = within(card).getAllByRole("radio") as HTMLInputElement[];
    fireEvent.click(radios[0] as HTMLInputElement);
    await waitFor(() => expect((radios[0] as HTMLInputElement).checked).toBe(true));
    fireEvent.click(radios[2] as HTMLInputElement);
    await waitFor(() => expect((radios[2] as HTMLInputElement).checked).toBe(true));
    fireEvent.click(screen.getByRole("button", { name: /Batalkan perubahan terakhir/ }));
    await waitFor(() => expect((radios[0] as HTMLInputElement).checked).toBe(true));
    const outbox = await pendingOutbox();
    expect(outbox).toHaveLength(3);
    expect(outbox.at(-1)?.mutation.changes).toEqual({ grade: { level: radios[0]?.value, points: null } });
  });

  it("finalising lists what is still empty, then makes the sheet read-only", async () => {
    await openScoringScreen();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    fireEvent.click(within(card).getAllByRole("radio")[0] as HTMLInputElement);
    await within(card).findByText(/Tersimpan di perangkat ini/);
    fireEvent.click(screen.getByRole("button", { name: /Finalkan lembar penilaian/ }));
    const dialog = await screen.findByRole("dialog");
    const missing = within(dialog).getByTestId("missing-list");
    const total = Number(/dari (\d+)/.exec(screen.getByTestId("sheet-progress").textContent ?? "")?.[1]);
    expect(within(missing).getAllByRole("listitem")).toHaveLength(total - 1);
    fireEvent.click(within(dialog).getByRole("button", { name: /Ya, finalkan/ }));
    await screen.findByText(/sudah final dan hanya bisa dibaca/, {}, { timeout: 5000 });
    const radios = screen
      .getAllByRole("article")
      .flatMap((card) => within(card).getAllByRole("radio")) as HTMLInputElement[];
    expect(radios.length).toBeGreaterThan(0);
    expect(radios.every((radio) => radio.closest("fieldset")?.disabled)).toBe(true);
    expect(screen.queryByRole("button", { name: /Finalkan lembar penilaian/ })).toBeNull();
  });

  it("declaring a conflict of interest needs a reason and empties nothing but blocks scoring", async () => {
    await openScoringScreen();
    fireEvent.click(screen.getByRole("button", { name: /Nyatakan konflik kepentingan/ }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: /Nyatakan konflik/ }));
    await within(dialog).findByText(/Tuliskan alasan singkat/);
    fireEvent.input(within(dialog).getByRole("textbox"), { target: { value: "Pernah bertugas di daerah ini" } });
    fireEvent.click(within(dialog).getByRole("button", { name: /Nyatakan konflik/ }));
    await screen.findByText(/Anda menyatakan konflik kepentingan/);
    const outbox = await pendingOutbox();
    expect(outbox.at(-1)?.mutation.changes).toEqual({ recused: true, recusalReason: "Pernah bertugas di daerah ini" });
    expect(screen.getByRole("button", { name: /Batalkan pernyataan konflik/ })).toBeTruthy();
  });

  it("switches every label to English", async () => {
    await openScoringScreen();
    fireEvent.click(screen.getByRole("radio", { name: "English" }));
    await screen.findByRole("button", { name: /Finalise score sheet/ });
    expect(screen.getByRole("button", { name: /Undo last change/ })).toBeTruthy();
  });
});

describe("changes from other devices", () => {
  it("a newer value from another tablet replaces mine on screen and says so", async () => {
    const { member, participant } = await openScoringScreen();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    const radios = within(card).getAllByRole("radio") as HTMLInputElement[];
    fireEvent.click(radios[0] as HTMLInputElement);
    await within(card).findByText(/Tersimpan di perangkat ini/);

    const storage = await openStorage({ name: app.dbName() });
    try {
      const data = await storage.loadMemberData(participant.editionId, member.id);
      const mine = data.scores.find((s) => s.participantId === participant.id);
      if (!mine) throw new Error("score not stored");
      const later = formatStamp(stampMillis(mine.stamps.grade ?? "") + 60_000, 0, "tabletB");
      const theirs = { ...mine, level: radios[2]?.value ?? "C", stamps: { ...mine.stamps, grade: later }, version: 7 };
      await storage.applyRemote([{ table: "scores", key: mine.key, version: 7, record: theirs }], {
        editionId: participant.editionId,
        cursor: 7,
      });
    } finally {
      storage.close();
    }

    const notices = await screen.findByTestId("change-notices");
    expect(notices.textContent).toContain(`diganti ${radios[2]?.value}`);
    expect(notices.textContent).toContain("tabletB");
    await waitFor(() => expect((radios[2] as HTMLInputElement).checked).toBe(true));
    fireEvent.click(within(notices).getByRole("button", { name: /Tandai sudah dibaca/ }));
    await waitFor(() => expect(screen.queryByTestId("change-notices")).toBeNull());
  });
});

describe("needs review", () => {
  it("a score the server flagged after a rubric change says so on its card", async () => {
    const { member, participant } = await openScoringScreen();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    fireEvent.click(within(card).getAllByRole("radio")[1] as HTMLInputElement);
    await within(card).findByText(/Tersimpan di perangkat ini/);
    const storage = await openStorage({ name: app.dbName() });
    try {
      const mine = (await storage.loadMemberData(participant.editionId, member.id)).scores[0];
      if (!mine) throw new Error("score not stored");
      await storage.applyRemote(
        [{ table: "scores", key: mine.key, version: 3, record: { ...mine, version: 3 }, needsReview: true }],
        {
          editionId: participant.editionId,
          cursor: 3,
        },
      );
    } finally {
      storage.close();
    }
    expect((await within(card).findByTestId("needs-review")).textContent).toContain("Perlu ditinjau");
  });

  it("a sheet the coordinator reopened says why, and is editable again", async () => {
    const member = technicalMember();
    const participant = firstParticipantOf(member.id);
    const editionId = ntb2021Sample().edition.id;
    await openRealEdition(app.dbName(), member.id);
    const storage = await openStorage({ name: app.dbName() });
    const at = formatStamp(Date.now(), 0, "server");
    try {
      await storage.applyRemote(
        [
          {
            table: "sheets",
            key: sheetKey(editionId, participant.id, member.id),
            version: 7,
            record: {
              ...emptySheetRecord({ editionId, participantId: participant.id, memberId: member.id }),
              reopenReason: "Nilai indikator 1.2 perlu diperiksa lagi",
              stamps: { finalised: at, reopenReason: at },
              version: 7,
            },
          },
        ],
        { editionId, cursor: 7 },
      );
    } finally {
      storage.close();
    }
    render(<App />);
    navigate({ name: "score", participantId: participant.id });
    const reason = await screen.findByTestId("reopen-reason", {}, { timeout: 5000 });
    expect(reason.textContent).toBe("Dibuka kembali oleh koordinator: Nilai indikator 1.2 perlu diperiksa lagi");
    expect(screen.queryByText(/sudah final dan hanya bisa dibaca/)).toBeNull();
    const card = screen.getAllByRole("article")[0] as HTMLElement;
    expect((within(card).getAllByRole("radio")[0] as HTMLInputElement).disabled).toBe(false);
  });
});
