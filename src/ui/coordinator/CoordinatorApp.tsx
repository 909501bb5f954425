import { useEffect, useState } from "preact/hooks";
import {
  coordinatorMessagesReady,
  loadEditions,
  login,
  logout,
  PASSWORD_MIN,
  refreshEdition,
  setupCoordinator,
  useCoordinator,
} from "../../state/coordinator.ts";
import { formatTime, type MessageKey, navigate, pickText, useApp, useT } from "../../state/index.ts";
import { EditionCards } from "../components/EditionCards.tsx";
import { TabBar } from "../components/TabBar.tsx";
import type { CoordinatorTab } from "../../state/routing.ts";
import { DocumentsView } from "./DocumentsView.tsx";
import { AuditView } from "./AuditView.tsx";
import { BackupPanel } from "./BackupPanel.tsx";
import { EditionStateBar } from "./EditionStateBar.tsx";
import { FeedbackView } from "./FeedbackView.tsx";
import { LiveBoard } from "./LiveBoard.tsx";
import { ProgressView } from "./ProgressView.tsx";
import { ResultsView } from "./ResultsView.tsx";
import { JoinSheet } from "./setup/JoinSheet.tsx";
import { NewEdition } from "./setup/NewEdition.tsx";
import { ScheduleEditor } from "./setup/ScheduleEditor.tsx";
import { SetupTab } from "./setup/SetupTab.tsx";

const REFRESH_SECONDS = 15;

export const coordinatorReady = coordinatorMessagesReady;
/** Every tab's label, in the order the tab bar shows them. */
const TAB_LABEL = {
  board: "setup.tabBoard",
  progress: "coord.tabProgress",
  results: "coord.tabResults",
  feedback: "coord.tabFeedback",
  documents: "doc.view.heading",
  setup: "setup.tabSetup",
  schedule: "setup.tabSchedule",
  join: "setup.tabJoin",
  audit: "setup.tabAudit",
} as const satisfies Record<CoordinatorTab, MessageKey>;
const TABS = Object.keys(TAB_LABEL) as CoordinatorTab[];

type Props = {
  editionId: string | null;
  tab: CoordinatorTab;
  participantId: string | null;
  /** Present on the first-start link: create the first coordinator account. */
  setupToken?: string;
};

/** The coordinator's screens: loaded lazily, so none of this weighs on a panelist's tablet. */
export const CoordinatorApp = ({ editionId, tab, participantId, setupToken }: Props) => {
  const t = useT();
  const token = useCoordinator((s) => s.token);
  const name = useCoordinator((s) => s.name);
  const error = useCoordinator((s) => s.error);
  return (
    <section class="screen coordinator" aria-labelledby="screen-title">
      <div class="toolbar">
        <h1 id="screen-title" class="grow">
          {t("coord.title")}
          {name ? <span class="muted"> · {name}</span> : null}
        </h1>
        <button type="button" class="button button-quiet" onClick={() => navigate({ name: "start" })}>
          {t("coord.toPanelist")}
        </button>
        {token ? (
          <button type="button" class="button" onClick={logout}>
            {t("coord.logout")}
          </button>
        ) : null}
      </div>
      {error ? (
        <p class="notice notice-error" role="alert" data-testid="coord-error">
          {error}
        </p>
      ) : null}
      {!token && setupToken ? <SetupForm setupToken={setupToken} /> : null}
      {!token && !setupToken ? <LoginForm /> : null}
      {!token ? null : editionId ? (
        <EditionView editionId={editionId} tab={tab} participantId={participantId} />
      ) : (
        <EditionList />
      )}
    </section>
  );
};

type CredentialsFormProps = {
  id: string;
  heading: MessageKey;
  help?: MessageKey;
  submit: MessageKey;
  /** A new account states the password rule; signing in does not. */
  newPassword: boolean;
  onSubmit: (name: string, password: string) => void;
};

/** Name and password, for signing in and for creating the first account. */
const CredentialsForm = ({ id, heading, help, submit, newPassword, onSubmit }: CredentialsFormProps) => {
  const t = useT();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const busy = useCoordinator((s) => s.busy);
  const tooShort = newPassword && password.length > 0 && password.length < PASSWORD_MIN;
  const ready = name.trim() !== "" && (newPassword ? password.length >= PASSWORD_MIN : password !== "");
  return (
    <form
      class="panel"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(name.trim(), password);
      }}
    >
      <h2 id={`${id}-title`}>{t(heading)}</h2>
      {help ? <p class="muted">{t(help)}</p> : null}
      <div class="field">
        <label for={`${id}-name`}>{t("coord.name")}</label>
        <input
          id={`${id}-name`}
          autocomplete="username"
          value={name}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-password`}>{t("coord.password")}</label>
        <input
          id={`${id}-password`}
          type="password"
          autocomplete={newPassword ? "new-password" : "current-password"}
          value={password}
          aria-invalid={tooShort}
          aria-describedby={newPassword ? `${id}-password-help` : undefined}
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
        />
        {newPassword ? (
          <p id={`${id}-password-help`} class={tooShort ? "field-error" : "muted"}>
            {t("coord.passwordRule")}
          </p>
        ) : null}
      </div>
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={busy || !ready}>
          {t(submit)}
        </button>
      </div>
    </form>
  );
};

const LoginForm = () => (
  <CredentialsForm
    id="coord"
    heading="coord.loginHeading"
    submit="coord.login"
    newPassword={false}
    onSubmit={(name, password) => void login(name, password)}
  />
);

const SetupForm = ({ setupToken }: { setupToken: string }) => (
  <CredentialsForm
    id="setup"
    heading="coord.setupHeading"
    help="coord.setupHelp"
    submit="coord.setupSubmit"
    newPassword
    onSubmit={async (name, password) => {
      if (await setupCoordinator(setupToken, name, password)) {
        navigate({ name: "coordinator", editionId: null, tab: "progress", participantId: null });
      }
    }}
  />
);

const EditionList = () => {
  const t = useT();
  const editions = useCoordinator((s) => s.editions);
  useEffect(() => {
    void loadEditions();
  }, []);
  return (
    <section class="panel" aria-labelledby="editions-title">
      <h2 id="editions-title">{t("coord.editions")}</h2>
      {editions.length === 0 ? <p>{t("coord.noEditions")}</p> : null}
      <EditionCards
        editions={editions}
        onChoose={(editionId) => navigate({ name: "coordinator", editionId, tab: "progress", participantId: null })}
      />
      <NewEdition
        onSaved={(editionId) => navigate({ name: "coordinator", editionId, tab: "setup", participantId: null })}
      />
      <BackupPanel />
    </section>
  );
};

const EditionView = ({
  editionId,
  tab,
  participantId,
}: {
  editionId: string;
  tab: CoordinatorTab;
  participantId: string | null;
}) => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const bundle = useCoordinator((s) => (s.editionId === editionId ? s.bundle : null));
  const refreshedAt = useCoordinator((s) => s.refreshedAt);
  useEffect(() => {
    void refreshEdition(editionId);
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refreshEdition(editionId);
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [editionId]);
  return (
    <>
      <div class="toolbar">
        <button
          type="button"
          class="button button-quiet"
          onClick={() => navigate({ name: "coordinator", editionId: null, tab: "progress", participantId: null })}
        >
          ← {t("coord.back")}
        </button>
        <button type="button" class="button" onClick={() => void refreshEdition(editionId)}>
          {t("coord.refresh")}
        </button>
        {refreshedAt ? (
          <span class="muted" data-testid="coord-refreshed">
            {t("coord.refreshedAt", { time: formatTime(locale, refreshedAt) })} ·{" "}
            {t("coord.autoRefresh", { seconds: REFRESH_SECONDS })}
          </span>
        ) : null}
      </div>
      {bundle ? (
        <>
          <h2>{pickText(bundle.edition.title, locale)}</h2>
          {bundle.edition.isSample ? <p class="callout">{t("coord.sampleNotice")}</p> : null}
          <TabBar
            legend={t("coord.tabs")}
            tabs={TABS.map((value) => ({ value, label: t(TAB_LABEL[value]) }))}
            active={tab}
            onSelect={(value) => navigate({ name: "coordinator", editionId, tab: value, participantId: null })}
          />
          <EditionStateBar />
          {tab === "board" ? <LiveBoard editionId={editionId} /> : null}
          {tab === "progress" ? <ProgressView /> : null}
          {tab === "results" ? <ResultsView /> : null}
          {tab === "feedback" ? <FeedbackView editionId={editionId} participantId={participantId} /> : null}
          {tab === "documents" ? <DocumentsView editionId={editionId} /> : null}
          {tab === "setup" ? <SetupTab editionId={editionId} /> : null}
          {tab === "schedule" ? (
            <ScheduleEditor editionId={editionId} participants={bundle.participants} members={bundle.members} />
          ) : null}
          {tab === "join" ? <JoinSheet /> : null}
          {tab === "audit" ? <AuditView editionId={editionId} /> : null}
        </>
      ) : (
        <p role="status">{t("app.loading")}</p>
      )}
    </>
  );
};
