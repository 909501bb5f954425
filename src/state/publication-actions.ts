/*
 * Publishing from the coordinator's Documents tab: the stored versions with what
 * changed, publishing itself, and the read-only links. Invariant: a link's token is
 * known only when it is made (the server keeps its hash), so this laptop keeps the
 * tokens it made in localStorage, keyed by link id; a link made elsewhere can be
 * revoked here but not copied.
 */
import type { PreviousEdition } from "../domain/feedback-letter.ts";
import type { ResultsWithFeedback } from "../domain/results.ts";
import type { EditionBundleResponse } from "../protocol/wire.ts";
import { createStore } from "zustand/vanilla";
import type {
  PublicationListResponse,
  PublishResponse,
  ReadLinkCreated,
  ReadLinkInfo,
  ReadLinkListResponse,
  ReadLinkRequest,
} from "../protocol/publication-wire.ts";
import { api, attemptOn, editionPath, refreshEdition } from "./coordinator.ts";
import { routeHash } from "./routing.ts";
import { useStoreSelector } from "./useStoreSelector.ts";

export type { PublicationDiff } from "../domain/publication.ts";
export type { PublicationInfo, PublishResponse, ReadLinkInfo } from "../protocol/publication-wire.ts";

export type PublicationVersion = PublicationListResponse["publications"][number];

export type PublicationState = {
  editionId: string | null;
  /** Newest first; null until loaded. */
  versions: PublicationVersion[] | null;
  links: ReadLinkInfo[];
  /** Tokens of the links this laptop made, by link id. */
  tokens: Record<string, string>;
  /** The answer to the last publish, shown until the next one. */
  lastPublish: PublishResponse | null;
  /** The edition this one was copied from, with its results: letters show the change since then. */
  previous: PreviousEdition | null;
  busy: boolean;
  error: string | null;
};

const TOKENS_KEY = "panelis.readLinks.";

/** A publication state with nothing loaded (also what tests start from). */
export const initialPublicationState = (): PublicationState => ({
  editionId: null,
  versions: null,
  links: [],
  tokens: {},
  lastPublish: null,
  previous: null,
  busy: false,
  error: null,
});

export const publicationStore = createStore<PublicationState>()(initialPublicationState);

export const usePublication = <T>(selector: (state: PublicationState) => T): T =>
  useStoreSelector(publicationStore, selector);

const set = (partial: Partial<PublicationState>) => publicationStore.setState(partial);
const get = () => publicationStore.getState();
const path = editionPath;

const savedTokens = (editionId: string): Record<string, string> => {
  if (typeof localStorage === "undefined") return {};
  const saved = localStorage.getItem(`${TOKENS_KEY}${editionId}`);
  return saved ? (JSON.parse(saved) as Record<string, string>) : {};
};

const saveTokens = (editionId: string, tokens: Record<string, string>) => {
  if (typeof localStorage !== "undefined") localStorage.setItem(`${TOKENS_KEY}${editionId}`, JSON.stringify(tokens));
};

const attempt = attemptOn(set);

const fetchAll = async (editionId: string) => {
  const [list, links] = await Promise.all([
    api<PublicationListResponse>("GET", path(editionId, "/publications")),
    api<ReadLinkListResponse>("GET", path(editionId, "/read-links")),
  ]);
  const sameEdition = get().editionId === editionId;
  set({
    editionId,
    versions: list.publications,
    links: links.links,
    tokens: savedTokens(editionId),
    lastPublish: sameEdition ? get().lastPublish : null,
  });
};

/** The versions and links of the edition. */
export const loadPublications = (editionId: string) => attempt(() => fetchAll(editionId));

/**
 * Loads the source edition for "change since last edition" in the draft letters (the
 * server does the same when it publishes). A source this server does not hold is no error:
 * the letters simply have no comparison.
 */
export const loadPreviousEdition = async (sourceEditionId: string | undefined): Promise<void> => {
  if (!sourceEditionId) {
    set({ previous: null });
    return;
  }
  try {
    const [bundle, results] = await Promise.all([
      api<EditionBundleResponse>("GET", path(sourceEditionId, "/bundle")),
      api<ResultsWithFeedback>("GET", path(sourceEditionId, "/results")),
    ]);
    set({ previous: { bundle, results } });
  } catch {
    set({ previous: null });
  }
};

/** Publishes what the server has now; equal content answers the latest version (`created` false). */
export const publishEdition = (editionId: string, showNames: boolean) =>
  attempt(async () => {
    const r = await api<PublishResponse>("POST", path(editionId, "/publish"), { showNames });
    await fetchAll(editionId);
    // Shown only with the list that holds it, so the message and the versions never disagree.
    set({ lastPublish: r });
    // The edition's state may have moved to published.
    await refreshEdition(editionId, true);
    return r;
  });

export const createReadLink = (editionId: string, request: ReadLinkRequest) =>
  attempt(async () => {
    const r = await api<ReadLinkCreated>("POST", path(editionId, "/read-links"), request);
    const tokens = { ...savedTokens(editionId), [r.link.id]: r.token };
    saveTokens(editionId, tokens);
    set({ links: [...get().links, r.link], tokens });
    return r;
  });

export const revokeReadLink = (editionId: string, linkId: string) =>
  attempt(async () => {
    const r = await api<{ link: ReadLinkInfo }>("DELETE", path(editionId, `/read-links/${encodeURIComponent(linkId)}`));
    const { [linkId]: _gone, ...tokens } = savedTokens(editionId);
    saveTokens(editionId, tokens);
    set({ links: get().links.map((l) => (l.id === linkId ? r.link : l)), tokens });
  });

/** The address a link's holder opens: this app's public page for the token. */
export const readLinkUrl = (
  token: string,
  base: string = typeof location === "undefined" ? "" : `${location.origin}${location.pathname}`,
): string => `${base}${routeHash({ name: "published", token })}`;
