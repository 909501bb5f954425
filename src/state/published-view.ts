/*
 * The public read-only page: whoever holds a link reads the latest publication
 * without signing in. Nothing is stored on the device; the page asks the server each
 * time it opens, so a revoked link stops working at once.
 */
import { createStore } from "zustand/vanilla";
import { loadCoordinatorMessages } from "../i18n/translate.ts";
import type { PublishedSnapshot } from "../protocol/publication-wire.ts";
import { API_PREFIX, type ErrorBody } from "../protocol/wire.ts";
import { appStore } from "./app-store.ts";
import { useStoreSelector } from "./useStoreSelector.ts";

export type { DistrictView, GroupTable } from "../domain/publication-view.ts";
export type { PublishedSnapshot } from "../protocol/publication-wire.ts";

export type PublishedViewState =
  | { status: "loading"; token: string | null }
  | { status: "ready"; token: string; snapshot: PublishedSnapshot }
  /** `message` is the server's words (in the page's language) or the network error. */
  | { status: "failed"; token: string; code: string; message: string };

export const publishedStore = createStore<PublishedViewState>()(() => ({ status: "loading", token: null }));

export const usePublished = <T>(selector: (state: PublishedViewState) => T): T =>
  useStoreSelector(publishedStore, selector);

/** The documents' messages are in the coordinator catalogues; the page waits for them before its first render. */
export const publishedMessagesReady = loadCoordinatorMessages();

export const loadPublished = async (token: string): Promise<void> => {
  publishedStore.setState({ status: "loading", token }, true);
  try {
    const response = await fetch(`${API_PREFIX}/published/${encodeURIComponent(token)}`, {
      headers: { "Accept-Language": appStore.getState().locale },
    });
    if (publishedStore.getState().token !== token) return;
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as ErrorBody | null;
      publishedStore.setState(
        {
          status: "failed",
          token,
          code: body?.error.code ?? "internal",
          message: body?.error.message ?? response.statusText,
        },
        true,
      );
      return;
    }
    publishedStore.setState({ status: "ready", token, snapshot: (await response.json()) as PublishedSnapshot }, true);
  } catch (error) {
    if (publishedStore.getState().token !== token) return;
    publishedStore.setState(
      { status: "failed", token, code: "offline", message: error instanceof Error ? error.message : String(error) },
      true,
    );
  }
};
