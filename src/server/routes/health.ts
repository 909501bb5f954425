/*
 * GET /health, for the TLS proxy and the operator: 200 when the database answers and
 * its schema is the one this server runs, 503 otherwise. Unauthenticated and outside
 * /api/v1 on purpose; it reveals the engine and schema version, nothing else.
 */
import type { Hono } from "hono";
import type { Store } from "../store/store-types.ts";
import type { Env } from "./request.ts";

export const registerHealthRoute = (app: Hono<Env>, store: Store): void => {
  app.get("/health", async (c) => {
    c.header("Cache-Control", "no-store");
    try {
      const health = await store.health();
      const ok = health.schemaVersion === health.latestSchemaVersion;
      return c.json({ status: ok ? "ok" : "schema-mismatch", ...health }, ok ? 200 : 503);
    } catch {
      return c.json({ status: "database-unreachable", engine: store.engine }, 503);
    }
  });
};
