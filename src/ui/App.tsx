import { useApp, useT } from "../state/index.ts";
import { lazyView } from "./components/LazyView.tsx";
import { LanguageSwitch } from "./components/LanguageSwitch.tsx";
import { NoticeBar } from "./components/NoticeBar.tsx";
import { PracticeBadge } from "./components/PracticeBadge.tsx";
import { SyncBadge, SyncMessages } from "./components/SyncBadge.tsx";
import { UpdatePrompt } from "./components/UpdatePrompt.tsx";
import { useBottomReserve } from "./components/useBottomReserve.ts";
// The scoring sheet is in the entry chunk (~4.5 KB gzip of the 60 KB budget): a reload onto it then renders
// straight from the start snapshot, with no chunk to fetch and evaluate first (offline reload bench).
import { ScoringScreen } from "./screens/ScoringScreen.tsx";
import { StartScreen } from "./screens/StartScreen.tsx";

/* The coordinator's screens (and the scoring engine they use) never load on a panelist's tablet unless asked for. */
const CoordinatorApp = lazyView(() =>
  import("./coordinator/CoordinatorApp.tsx").then(async (m) => {
    await m.coordinatorReady;
    return m.CoordinatorApp;
  }),
);

/* A read-only link's page: its own chunk, loaded only when such a link is opened. */
const PublishedPage = lazyView(() =>
  import("./published/PublishedPage.tsx").then(async (m) => {
    await m.publishedMessagesReady;
    return m.PublishedPage;
  }),
);

export const App = () => {
  const t = useT();
  const ready = useApp((s) => s.ready);
  const route = useApp((s) => s.route);
  const noticeStrip = useBottomReserve<HTMLDivElement>();
  return (
    <>
      <a class="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header class="app-header">
        <div class="brand">
          <span class="brand-name">{t("app.title")}</span>
          <span class="visually-hidden">{t("app.subtitle")}</span>
        </div>
        <PracticeBadge />
        <SyncBadge />
        <LanguageSwitch />
      </header>
      {/* Notices stack in one strip over the bottom edge: they never push the sheet away, and `main` keeps room
          below its content for the strip (useBottomReserve), so nothing is left hidden behind it. */}
      <div class="notice-strip" ref={noticeStrip}>
        <UpdatePrompt />
        <NoticeBar />
        <SyncMessages />
      </div>
      <main id="main" tabIndex={-1}>
        {!ready ? (
          <p role="status">{t("app.loading")}</p>
        ) : route.name === "setup" ? (
          <CoordinatorApp
            editionId={null}
            tab="progress"
            participantId={null}
            setupToken={route.token}
            fallback={<p role="status">{t("app.loading")}</p>}
          />
        ) : route.name === "coordinator" ? (
          <CoordinatorApp
            editionId={route.editionId}
            tab={route.tab}
            participantId={route.participantId}
            fallback={<p role="status">{t("app.loading")}</p>}
          />
        ) : route.name === "published" ? (
          <PublishedPage token={route.token} fallback={<p role="status">{t("app.loading")}</p>} />
        ) : route.name === "score" ? (
          <ScoringScreen participantId={route.participantId} />
        ) : (
          <StartScreen joinCode={route.name === "join" ? route.code : undefined} />
        )}
      </main>
    </>
  );
};
