/*
 * Asking the browser not to evict our data. Only a window can request
 * persistence (workers have no `persist()`), so everything here is
 * feature-checked at call time and never touched at module load.
 */

export type PersistenceResult = "granted" | "denied" | "unsupported";
export type UsageEstimate = { usage: number; quota: number };

type StorageManagerLike = {
  persist?: () => Promise<boolean>;
  persisted?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
};

const storageManager = (): StorageManagerLike | undefined =>
  (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;

export const requestPersistence = async (): Promise<PersistenceResult> => {
  const manager = storageManager();
  if (typeof manager?.persist !== "function") return "unsupported";
  try {
    if (typeof manager.persisted === "function" && (await manager.persisted())) return "granted";
    return (await manager.persist()) ? "granted" : "denied";
  } catch {
    // Some browsers throw instead of answering (e.g. private windows): that is a refusal.
    return "denied";
  }
};

export const estimateUsage = async (): Promise<UsageEstimate | null> => {
  const manager = storageManager();
  if (typeof manager?.estimate !== "function") return null;
  try {
    const { usage, quota } = await manager.estimate();
    return typeof usage === "number" && typeof quota === "number" ? { usage, quota } : null;
  } catch {
    return null;
  }
};
