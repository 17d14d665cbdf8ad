import type { ServerResponse } from 'node:http';

/** One event for the console: a queue change, a message in a conversation, or a ticket gone (erased, expired). */
export interface ConsoleEvent {
  type: 'ticket' | 'message' | 'removed';
  data: unknown;
}

interface Client {
  advocate: string;
  res: ServerResponse;
}

/**
 * Server-Sent Events to signed-in advocates. Every advocate sees the queue and
 * the messages (they may read before accepting); writing is checked elsewhere.
 * A comment line every 20 s keeps proxies from closing idle streams.
 */
export class ConsoleEvents {
  private readonly clients = new Set<Client>();
  private seq = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = 20_000) {
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(advocate: string, res: ServerResponse, onClose: () => void): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected as ${JSON.stringify(advocate)}\n\n`);
    const client = { advocate, res };
    this.clients.add(client);
    res.on('close', () => {
      this.clients.delete(client);
      onClose();
    });
  }

  publish(event: ConsoleEvent): void {
    // JSON on one line: a newline inside user text cannot break the SSE framing.
    this.write(`id: ${++this.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  }

  /** Ends every stream, so shutdown does not wait for open consoles. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const c of this.clients) c.res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const c of this.clients) c.res.write(chunk);
  }
}
