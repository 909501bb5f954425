/*
 * A round-robin HTTP proxy in the benchmark process, standing in for the national
 * TLS proxy in front of N server instances: each request goes to the next upstream
 * in turn, over keep-alive connections. Bodies are streamed, not parsed.
 */
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export type Proxy = { url: string; close: () => Promise<void> };

export const startRoundRobinProxy = (upstreams: readonly string[]): Promise<Proxy> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const targets = upstreams.map((u) => new URL(u));
  let next = 0;
  const server = createServer((req, res) => {
    const target = targets[next % targets.length] as URL;
    next += 1;
    const out = request(
      { agent, host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    out.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
};
