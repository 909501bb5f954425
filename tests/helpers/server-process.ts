/*
 * The real server (scripts/start.ts) as a child process on a free port, for the suites
 * that kill it with SIGKILL; and a plain fetch call against it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { SERVER_NODE_FLAGS } from "../../src/server/node-flags.ts";

const root = resolve(import.meta.dirname, "../..");

export type ServerProcess = { child: ChildProcess; url: string; output: string };

type StartOptions = {
  /** The child is pushed here at once, so the suite can kill it even when start-up fails. */
  children: ChildProcess[];
  timeoutMs: number;
  /** Resolve only once this holds of the output so far (the URL is already printed). */
  ready?: (output: string) => boolean;
};

/** Starts the server with `env` added to this process's; resolves with its URL once it listens. */
export const startServerProcess = (
  env: Record<string, string>,
  { children, timeoutMs, ready = () => true }: StartOptions,
): Promise<ServerProcess> =>
  new Promise((resolvePromise, reject) => {
    // The flags `npm start` gives the server, so the suites run it as deployed.
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "0", PANELIS_SKIP_BUILD: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), timeoutMs);
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url && ready(output)) {
        clearTimeout(timer);
        resolvePromise({ child, url, output });
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code}):\n${output}`));
    });
  });

/** SIGKILLs every child still running. */
export const killServerProcesses = (children: readonly ChildProcess[]): void => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
};

/** One JSON request; the body is parsed as `T` whatever the status. */
export const callServer = async <T>(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
};
