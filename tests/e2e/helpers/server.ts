import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { SERVER_NODE_FLAGS } from "../../../src/server/node-flags.ts";

export type RunningServer = { url: string; port: number; stop: () => Promise<void> };

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

const waitForHttp = async (url: string, child: ChildProcess, timeoutMs = 60_000, anyStatus = false) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok || anyStatus) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not answer within ${timeoutMs} ms`);
};

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });

/** Serves the built PWA from dist/ the way `vite preview` does: static files only, no API. */
export const startStaticServer = async (port?: number): Promise<RunningServer> => {
  const chosen = port ?? (await freePort());
  const child = spawn(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "preview", "--host", "127.0.0.1", "--port", String(chosen), "--strictPort"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const url = `http://127.0.0.1:${chosen}`;
  await waitForHttp(url, child);
  return { url, port: chosen, stop: () => stopChild(child) };
};

export type PanelisServer = RunningServer & {
  setupUrl: string;
  joinUrls: Map<string, string>;
  kill: () => Promise<void>;
};

/** The real `npm start` server (built PWA + API + seeded demo) on a free port with its own database file. */
export const startPanelisServer = async (dbPath: string): Promise<PanelisServer> => {
  const port = await freePort();
  // The flags `npm start` gives the server, so the browser tests run it as deployed.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), PANELIS_DB: dbPath, PANELIS_SKIP_BUILD: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  // /me answers 401 without a token; any HTTP answer means the server is up.
  await waitForHttp(`${url}/api/v1/me`, child, 60_000, true);
  const deadline = Date.now() + 30_000;
  while (!/Join links/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const joinUrls = new Map<string, string>();
  for (const match of output.matchAll(/\((\w+), ([\w-]+)\)\s+code \S+\s+(http\S+)/g)) {
    if (match[2] && match[3]) joinUrls.set(match[2], match[3]);
  }
  const setupUrl = /(http\S+#\/setup\/\S+)/.exec(output)?.[1] ?? "";
  return {
    url,
    port,
    setupUrl,
    joinUrls,
    stop: () => stopChild(child),
    kill: async () => {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    },
  };
};
