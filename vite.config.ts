/// <reference types="vitest/config" />
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { EARLY_OPEN_ELEMENT } from "./src/protocol/early-open-script.ts";

/** Puts the early database open inline at the top of <head> (src/protocol/early-open-script.ts). */
const earlyOpen = (): Plugin => ({
  name: "panelis-early-open",
  transformIndexHtml: (html) => html.replace("<!--panelis:early-open-->", EARLY_OPEN_ELEMENT),
});

export default defineConfig({
  plugins: [
    earlyOpen(),
    preact(),
    VitePWA({
      registerType: "prompt",
      injectRegister: false,
      // Our own worker (workers/sw.ts): workbox's precaching, plus each page served with its start rows.
      strategies: "injectManifest",
      srcDir: "workers",
      filename: "sw.ts",
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
      injectManifest: {
        globPatterns: ["**/*.{js,css,html,svg,png,woff2,webmanifest}"],
      },
    }),
  ],
  worker: { format: "es" },
  build: {
    target: "es2022",
    sourcemap: true,
    // Every browser we target (es2022) supports modulepreload; the polyfill would put a document-wide
    // MutationObserver in front of the first render, called for every node the app adds.
    // A dynamic import (storage after the first paint, the coordinator, message catalogues) fetches its chunk's
    // static imports itself, one round trip later, instead of the loader first appending a
    // <link rel=modulepreload> per dependency: on a first visit those appends cost the main thread 6–23 ms
    // right after the first paint (four times that on a tablet-class CPU), and Lighthouse over 14 interleaved
    // runs gave a total blocking time of 246 ms instead of 326 ms (score 94 instead of 92). The page's own
    // modulepreload links (hostType "html") stay; CSS a chunk needs is still loaded before it.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, deps, { hostType }) =>
        hostType === "js" ? deps.filter((dep) => dep.endsWith(".css")) : deps,
    },
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
