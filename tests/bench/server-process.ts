/*
 * Starts tests/bench/bench-server.ts as a child process on 127.0.0.1 and stops it
 * by its own PID. Node is spawned directly with tsx's loader (not through npx), so
 * the PID we hold is the server's, and with the flags `npm start` gives the server
 * (src/server/node-flags.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./app-build.ts";
import { SERVER_NODE_FLAGS } from "../../src/server/node-flags.ts";
import type { BenchServerConfig, BenchServerReady } from "./bench-server.ts";

export type BenchServer = BenchServerReady & { url: string; stop: () => Promise<void> };

const READY = "BENCH_SERVER_READY ";

/**
 * Extra Node flags for the server only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to profile what a benchmark makes the server do (Node refuses --cpu-prof in NODE_OPTIONS).
 */
const serverNodeArgs = (): string[] => (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);

export const startBenchServer = (config: BenchServerConfig, timeoutMs = 120_000): Promise<BenchServer> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        ...SERVER_NODE_FLAGS,
        ...serverNodeArgs(),
        "--import",
        "tsx",
        join(ROOT, "tests/bench/bench-server.ts"),
        JSON.stringify(config),
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`bench server did not start within ${timeoutMs} ms: ${err.slice(-500)}`));
    }, timeoutMs);
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      });
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      if (err.length > 20_000) err = err.slice(-10_000);
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith(READY));
      if (!line) return;
      clearTimeout(timer);
      const ready = JSON.parse(line.slice(READY.length)) as BenchServerReady;
      resolve({ ...ready, url: `http://127.0.0.1:${ready.port}`, stop });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited with ${code}: ${err.slice(-1000)}`));
    });
  });
