/// <reference types="vitest/config" />
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { EARLY_INLINE_SCRIPT } from "./src/protocol/early-inline-script.ts";
import { SCORING_CHUNKS_META } from "./src/protocol/early-preload-script.ts";

/** Puts the early database open (and scoring preload) inline at the top of <head> (src/protocol/early-inline-script.ts). */
const earlyOpen = (): Plugin => ({
  name: "panelis-early-open",
  transformIndexHtml: (html) => html.replace("<!--panelis:early-open-->", `<script>${EARLY_INLINE_SCRIPT}</script>`),
});

const SCORING_SCREEN = "/src/ui/screens/ScoringScreen.tsx";

/**
 * Lists the scoring screen's own chunks in a meta tag for the inline script to preload on a
 * `#/score/` reload (src/protocol/early-preload-script.ts): its dynamic import's static
 * closure minus the chunks the entry already loads. Build only; the dev server gets nothing.
 */
const scoringChunks = (): Plugin => ({
  name: "panelis-scoring-chunks",
  transformIndexHtml: {
    order: "post",
    handler: (html, { bundle, chunk }) => {
      const chunks = new Map(
        Object.values(bundle ?? {}).flatMap((c) => (c.type === "chunk" ? [[c.fileName, c] as const] : [])),
      );
      const closure = (start: string, skip: ReadonlySet<string>): Set<string> => {
        const seen = new Set<string>();
        const visit = (name: string) => {
          if (seen.has(name) || skip.has(name)) return;
          seen.add(name);
          for (const next of chunks.get(name)?.imports ?? []) visit(next);
        };
        visit(start);
        return seen;
      };
      const screen = [...chunks.values()].find((c) => c.facadeModuleId?.endsWith(SCORING_SCREEN));
      const own = chunk && screen ? closure(screen.fileName, closure(chunk.fileName, new Set())) : new Set<string>();
      const meta =
        own.size > 0
          ? `<meta name="${SCORING_CHUNKS_META}" content="${[...own].map((f) => `/${f}`).join(" ")}" />`
          : "";
      return html.replace("<!--panelis:scoring-chunks-->", meta);
    },
  },
});

export default defineConfig({
  plugins: [
    earlyOpen(),
    scoringChunks(),
    preact(),
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      strategies: "generateSW",
      includeAssets: ["icons/*.svg", "icons/*.png", "favicon.svg"],
      manifest: {
        name: "Panelis — Penilaian Kinerja 8 Aksi Konvergensi",
        short_name: "Panelis",
        description: "Penilaian kinerja 8 aksi konvergensi stunting, luring di tablet panelis.",
        lang: "id",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "any",
        background_color: "#ffffff",
        theme_color: "#0b5d4b",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,woff2,webmanifest}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: "es" },
  build: {
    target: "es2022",
    sourcemap: true,
    // Every browser we target (es2022) supports modulepreload; the polyfill would put a document-wide
    // MutationObserver in front of the first render, called for every node the app adds.
    modulePreload: { polyfill: false },
  },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    exclude: ["tests/e2e/**", "tests/bench/**", "node_modules/**"],
    environment: "node",
    setupFiles: ["tests/helpers/dom-setup.ts"],
    // Never retry: a test that passes only sometimes is a defect to fix, not to hide.
    retry: 0,
    server: { deps: { inline: ["zustand"] } },
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    pool: "forks",
    // A hang guard, not a speed check: the server suites also run on PostgreSQL (a round trip per
    // statement) on a shared 2-core machine, where vitest's 5 s default fails healthy tests.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
