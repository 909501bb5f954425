import { useEffect, useState } from "preact/hooks";
import {
  coordinatorMessagesReady,
  loadEditions,
  login,
  logout,
  refreshEdition,
  setupCoordinator,
  useCoordinator,
} from "../../state/coordinator.ts";
import { formatTime, navigate, pickText, useApp, useT } from "../../state/index.ts";
import type { CoordinatorTab } from "../../state/routing.ts";
import { FeedbackView } from "./FeedbackView.tsx";
import { ProgressView } from "./ProgressView.tsx";
import { ResultsView } from "./ResultsView.tsx";

const REFRESH_SECONDS = 15;

export const coordinatorReady = coordinatorMessagesReady;
const TABS: CoordinatorTab[] = ["progress", "results", "feedback"];
const TAB_LABEL = {
  progress: "coord.tabProgress",
  results: "coord.tabResults",
  feedback: "coord.tabFeedback",
} as const;

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

const LoginForm = () => {
  const t = useT();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const busy = useCoordinator((s) => s.busy);
  return (
    <form
      class="panel"
      aria-labelledby="login-title"
      onSubmit={(event) => {
        event.preventDefault();
        void login(name.trim(), password);
      }}
    >
      <h2 id="login-title">{t("coord.loginHeading")}</h2>
      <div class="field">
        <label for="coord-name">{t("coord.name")}</label>
        <input
          id="coord-name"
          autocomplete="username"
          value={name}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="coord-password">{t("coord.password")}</label>
        <input
          id="coord-password"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={busy || !name.trim() || !password}>
          {t("coord.login")}
        </button>
      </div>
    </form>
  );
};

const SetupForm = ({ setupToken }: { setupToken: string }) => {
  const t = useT();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const busy = useCoordinator((s) => s.busy);
  const tooShort = password.length > 0 && password.length < 8;
  return (
    <form
      class="panel"
      aria-labelledby="setup-title"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await setupCoordinator(setupToken, name.trim(), password)) {
          navigate({ name: "coordinator", editionId: null, tab: "progress", participantId: null });
        }
      }}
    >
      <h2 id="setup-title">{t("coord.setupHeading")}</h2>
      <p class="muted">{t("coord.setupHelp")}</p>
      <div class="field">
        <label for="setup-name">{t("coord.name")}</label>
        <input
          id="setup-name"
          autocomplete="username"
          value={name}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="setup-password">{t("coord.password")}</label>
        <input
          id="setup-password"
          type="password"
          autocomplete="new-password"
          value={password}
          aria-invalid={tooShort}
          aria-describedby="setup-password-help"
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
        />
        <p id="setup-password-help" class={tooShort ? "field-error" : "muted"}>
          {t("coord.passwordRule")}
        </p>
      </div>
      <div class="toolbar">
        <button type="submit" class="button button-primary" disabled={busy || !name.trim() || password.length < 8}>
          {t("coord.setupSubmit")}
        </button>
      </div>
    </form>
  );
};

const EditionList = () => {
  const t = useT();
  const locale = useApp((s) => s.locale);
  const editions = useCoordinator((s) => s.editions);
  useEffect(() => {
    void loadEditions();
  }, []);
  return (
    <section class="panel" aria-labelledby="editions-title">
      <h2 id="editions-title">{t("coord.editions")}</h2>
      {editions.length === 0 ? <p>{t("coord.noEditions")}</p> : null}
      <ul class="card-list">
        {editions.map((edition) => (
          <li key={edition.id}>
            <button
              type="button"
              class="card-button"
              onClick={() =>
                navigate({ name: "coordinator", editionId: edition.id, tab: "progress", participantId: null })
              }
            >
              <strong>{pickText(edition.title, locale)}</strong>
              <span class="muted">
                {edition.provinceName} · {edition.year}
              </span>
            </button>
          </li>
        ))}
      </ul>
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
            {t("coord.refreshedAt", { time: formatTime(locale, refreshedAt) })}
          </span>
        ) : null}
      </div>
      {bundle ? (
        <>
          <h2>{pickText(bundle.edition.title, locale)}</h2>
          {bundle.edition.isSample ? <p class="callout">{t("coord.sampleNotice")}</p> : null}
          <p class="muted">{t("coord.autoRefresh", { seconds: REFRESH_SECONDS })}</p>
          <fieldset class="tabs">
            <legend class="visually-hidden">{t("coord.tabs")}</legend>
            {TABS.map((value) => (
              <button
                key={value}
                type="button"
                class={`tab ${value === tab ? "is-active" : ""}`}
                aria-pressed={value === tab}
                onClick={() => navigate({ name: "coordinator", editionId, tab: value, participantId: null })}
              >
                {t(TAB_LABEL[value])}
              </button>
            ))}
          </fieldset>
          {tab === "progress" ? <ProgressView /> : null}
          {tab === "results" ? <ResultsView /> : null}
          {tab === "feedback" ? <FeedbackView editionId={editionId} participantId={participantId} /> : null}
        </>
      ) : (
        <p role="status">{t("app.loading")}</p>
      )}
    </>
  );
};
