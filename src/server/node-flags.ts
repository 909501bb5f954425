/*
 * The Node (V8) flags the server process runs with: `npm start` passes them (package.json),
 * the benchmarks start their servers and time the results call with them, so every server
 * figure is the server as deployed.
 *
 * Why a 64 MB semi-space (Node's default young generation is 16 MB a half on 64-bit): a
 * national results call (514 districts × 12 members) builds its answer's objects faster
 * than the default young generation holds them, so V8 scavenged — copied the half-built
 * answer — several times per call. Measured on the 2-core bench VM: a warm call 36–45 ms
 * with the default, 20–27 ms with 64 MB in most runs (one run showed no gain: 43.6 vs
 * 41.0 ms, single calls swinging 17–60 ms either way); 32 MB gave no gain. The young generation only
 * grows towards this size under such allocation: the cost is up to ~128 MB of memory
 * beside the old heap while it does, on a machine that holds the national edition anyway.
 *
 * Invariant: package.json's `start` script passes these flags in front of the script
 * (tests/server/node-flags.test.ts).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];
