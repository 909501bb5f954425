/*
 * The sync worker's entry: exposes `syncApi` to the page over comlink and nothing
 * else. The page's one owner of this worker is src/sync-client.
 */
import { expose } from "comlink";
import { syncApi } from "./api.ts";

expose(syncApi);
