import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { MAX_DEVICE_NAME } from "../../domain/device-name.ts";
import { sheetKey } from "../../domain/keys.ts";
import { assignedParticipants, sheetProgress, type SheetProgress } from "../../domain/progress.ts";
import { type PresenterStatus, presenterStatus } from "../../domain/schedule.ts";
import type { ScoreRecord } from "../../domain/types.ts";
import {
  chooseEdition,
  chooseMember,
  joinWithCode,
  loadSampleEdition,
  navigate,
  openPractice,
  pickText,
  useApp,
  useT,
} from "../../state/index.ts";
import { ChangeNotices } from "../components/ChangeNotices.tsx";
import { DevicePanel } from "../components/DevicePanel.tsx";
import { EditionCards } from "../components/EditionCards.tsx";
import { RefusedChanges } from "../components/RefusedChanges.tsx";

export const StartScreen = ({ joinCode }: { joinCode?: string }) => {
  const t = useT();
  const loaded = useApp((s) => s.loaded);
  const session = useApp((s) => s.session);
  if (joinCode) {
    return (
      <section class="screen" aria-labelledby="screen-title">
        <h1 id="screen-title">{t("start.joinLinkHeading")}</h1>
        <JoinForm key={joinCode} initialCode={joinCode} fromLink />
      </section>
    );
  }
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t("start.heading")}</h1>
      {loaded ? <EditionSummary /> : <EditionPicker />}
      {loaded && !session?.memberId ? <MemberPicker /> : null}
      {loaded && session?.memberId ? <ChangeNotices /> : null}
      {loaded && session?.memberId ? <RefusedChanges /> : null}
      {loaded && session?.memberId ? <Assignments /> : null}
      {!loaded ? <JoinForm /> : null}
      <PracticeSpace />
      <DevicePanel />
      <p>
        <a class="button button-quiet" href="#/coordinator">
          {t("start.coordinatorLink")}
        </a>
      </p>
    </section>
  );
};

const EditionSummary = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const loaded = useApp((s) => s.loaded);
  const member = useApp((s) => s.loaded?.members.find((m) => m.id === s.session?.memberId));
  const practice = useApp((s) => s.session?.practice === true);
  const enrolled = useApp((s) => !practice && s.enrolment?.editionId === s.session?.editionId);
  if (!loaded) return null;
  const { edition } = loaded;
  return (
    <div class="edition-summary">
      <h2>{pickText(edition.title, locale)}</h2>
      <p class="muted">
        {t("start.editionMeta", {
          province: edition.provinceName,
          year: edition.year,
          period: edition.periodAssessed,
          mode: t(`mode.${edition.mode}`),
        })}
      </p>
      {practice ? (
        <p class="callout callout-strong" data-testid="practice-notice">
          {t("practice.notice")}
        </p>
      ) : null}
      {edition.isSample ? <p class="callout">{t("app.sampleNotice")}</p> : null}
      {member ? (
        <p class="member-line">
          <strong>{member.name}</strong> · {t(`role.${member.role}`)} · {member.agency}{" "}
          {enrolled ? (
            <span class="muted">{t("start.enrolledAs")}</span>
          ) : (
            <button type="button" class="button button-quiet" onClick={() => void chooseMember(null)}>
              {t("start.switchMember")}
            </button>
          )}
        </p>
      ) : null}
    </div>
  );
};

const EditionPicker = () => {
  const t = useT();
  const editions = useApp((s) => s.editions);
  if (editions.length === 0) return <p>{t("start.noEditions")}</p>;
  return <EditionCards editions={editions} onChoose={(id) => void chooseEdition(id)} />;
};

const MemberPicker = () => {
  const t = useT();
  const members = useApp((s) => s.loaded?.members ?? []);
  const scorers = members.filter((m) => m.assignments.length > 0);
  return (
    <section class="panel" aria-labelledby="member-title">
      <h2 id="member-title">{t("start.chooseMember")}</h2>
      <p class="muted">{t("start.chooseMemberHelp")}</p>
      <ul class="card-list">
        {scorers.map((member) => (
          <li key={member.id}>
            <button type="button" class="card-button" onClick={() => void chooseMember(member.id)}>
              <strong>{member.name}</strong>
              <span class="muted">
                {t(`role.${member.role}`)} · {member.agency}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
};

const statusLabel = (progress: SheetProgress, t: ReturnType<typeof useT>) => {
  if (progress.recused) return t("start.recused");
  if (progress.finalised) return t("start.finalised");
  if (progress.scored === 0) return t("start.notStarted");
  return t("start.inProgress");
};

const Assignments = () => {
  const t = useT();
  const loaded = useApp((s) => s.loaded);
  const session = useApp((s) => s.session);
  const data = useApp((s) => s.data);
  const member = loaded?.members.find((m) => m.id === session?.memberId);
  const rows = useMemo(() => {
    if (!loaded || !member || !session) return [];
    const byParticipant = new Map<string, Map<string, ScoreRecord>>();
    for (const score of data.scores.values()) {
      const map = byParticipant.get(score.participantId) ?? new Map<string, ScoreRecord>();
      map.set(score.indicatorId, score);
      byParticipant.set(score.participantId, map);
    }
    return assignedParticipants(member, loaded.participants, loaded.edition.schedule).map((participant) =>
      sheetProgress(
        loaded.rubric,
        member,
        participant,
        byParticipant.get(participant.id) ?? new Map(),
        data.sheets.get(sheetKey(session.editionId, participant.id, member.id)),
      ),
    );
  }, [loaded, member, session, data]);
  if (!member) return null;
  return (
    <section class="panel" aria-labelledby="assign-title">
      <h2 id="assign-title">{t("start.assignments")}</h2>
      {rows.length === 0 ? <p>{t("start.noAssignments")}</p> : null}
      <ul class="assignment-list">
        {rows.map((row) => (
          <li key={row.participant.id} data-testid={`assignment-${row.participant.regionCode}`}>
            <a
              class="assignment"
              href={`#/score/${encodeURIComponent(row.participant.id)}`}
              aria-label={t("start.open", { name: row.participant.name })}
              onClick={(event) => {
                event.preventDefault();
                navigate({ name: "score", participantId: row.participant.id });
              }}
            >
              <span class="assignment-name">
                <strong>{row.participant.name}</strong>
                <span class="muted">
                  {row.participant.regionCode} ·{" "}
                  {row.participant.role === "observer"
                    ? t("start.observer")
                    : t("start.group", { group: row.participant.rankingGroup })}
                </span>
              </span>
              <span class="assignment-progress">
                <progress max={row.total} value={row.scored} aria-hidden="true" />
                <span>{t("start.progress", { scored: row.scored, total: row.total })}</span>
                <span class={`pill ${row.finalised ? "pill-done" : ""}`}>{statusLabel(row, t)}</span>
                <PresenterPill status={presenterStatus(loaded?.edition.schedule ?? null, row.participant.id)} />
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
};

/** "Sedang presentasi" / "berikutnya", from the schedule the coordinator advances. */
const PresenterPill = ({ status }: { status: PresenterStatus }) => {
  const t = useT();
  if (!status) return null;
  return (
    <span class="pill pill-presenting" data-testid="presenter-status">
      {t(status === "presenting" ? "start.presenting" : "start.nextPresenter")}
    </span>
  );
};

/**
 * Joining with a code, typed or from a join link (the QR code). A link fills the code and
 * leaves the panelist to name the tablet and tap Gabung. A tap made without a network is
 * kept and carried out as soon as the network returns, instead of failing.
 */
const JoinForm = ({ initialCode = "", fromLink = false }: { initialCode?: string; fromLink?: boolean }) => {
  const t = useT();
  const [code, setCode] = useState(initialCode);
  const [deviceName, setDeviceName] = useState("");
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const online = useApp((s) => s.online);
  const submit = async () => {
    if (!online) {
      setWaiting(true);
      return;
    }
    setWaiting(false);
    setBusy(true);
    await joinWithCode(code.trim(), deviceName.trim());
    setBusy(false);
  };
  const nameField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (fromLink) nameField.current?.focus();
  }, [fromLink]);
  useEffect(() => {
    if (waiting && online) void submit();
  }, [waiting, online]);
  return (
    <section class="panel" aria-labelledby="join-title">
      <h2 id="join-title">{t("start.joinHeading")}</h2>
      <p class="muted">{t(fromLink ? "start.joinLinkHelp" : "start.joinHelp")}</p>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="field">
          <label for="join-code">{t("start.joinCode")}</label>
          <input
            id="join-code"
            autocomplete="off"
            autocapitalize="characters"
            value={code}
            onInput={(event) => setCode((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="device-name">{t("start.deviceName")}</label>
          <input
            ref={nameField}
            id="device-name"
            autocomplete="off"
            maxLength={MAX_DEVICE_NAME}
            aria-describedby="device-name-hint"
            value={deviceName}
            onInput={(event) => setDeviceName((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={busy || code.trim() === ""}>
          {busy ? t("start.joining") : t("start.joinSubmit")}
        </button>
        {/* Below the row, not under its field: inside the field it pushed the code box and the button out of line. */}
        <small id="device-name-hint" class="muted form-note">
          {t("start.deviceNameHint")}
        </small>
      </form>
      {waiting ? (
        <p role="status" class="callout" data-testid="join-waiting">
          {t("start.joinWaiting")}
        </p>
      ) : null}
    </section>
  );
};

/** Practice is reachable from the start screen whatever else is open, and leads back to the real work. */
const PracticeSpace = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const practice = useApp((s) => s.session?.practice === true);
  const enrolment = useApp((s) => s.enrolment);
  const practiceEditions = useApp((s) => s.practiceEditions);
  if (practice) {
    return enrolment ? (
      <p>
        <button type="button" class="button" onClick={() => void chooseEdition(enrolment.editionId)}>
          {t("practice.back")}
        </button>
      </p>
    ) : null;
  }
  return (
    <section class="panel" aria-labelledby="demo-title">
      <h2 id="demo-title">{t("start.demoHeading")}</h2>
      <p class="muted">{t("start.demoHelp")}</p>
      {practiceEditions.map((edition) => (
        <button key={edition.id} type="button" class="button" onClick={() => void openPractice(edition.id)}>
          {t("practice.open", { title: pickText(edition.title, locale) })}
        </button>
      ))}
      {practiceEditions.length === 0 ? (
        <button type="button" class="button" onClick={() => void loadSampleEdition()}>
          {t("start.demoLoad")}
        </button>
      ) : null}
    </section>
  );
};
