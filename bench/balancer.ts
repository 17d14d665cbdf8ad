/**
 * A round-robin HTTP load balancer for the bench (no stickiness: each request goes to the next
 * instance, so the turns of one conversation land on different instances, as behind a cloud
 * load balancer that does not pin conversations).
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  /** Requests sent to each backend. */
  counts: number[];
  close(): Promise<void>;
}

export async function startBalancer(backends: string[]): Promise<Balancer> {
  const targets = backends.map((b) => new URL(b));
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: 256 }));
  const counts = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((req, res) => {
    const i = next++ % targets.length;
    counts[i]!++;
    const target = targets[i]!;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: agents[i] },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
        for (const a of agents) a.destroy();
      }),
  };
}
