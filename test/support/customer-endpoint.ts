import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from './timing';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() when it arrived. */
  at: number;
}

/** What the receiver answers a request: a status (and body), or 'hold' (never answers, until `release`). */
export type Answer = number | { status: number; body?: string; headers?: Record<string, string> } | 'hold';

/** A customer's endpoint on loopback, for outbound webhooks: records every POST, answers what the test says (204 by default). */
export class CustomerEndpoint {
  readonly received: Received[] = [];
  private server: Server | null = null;
  private held: ServerResponse[] = [];
  answer: (request: Received, index: number) => Answer = () => 204;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received: Received = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() };
        this.received.push(received);
        const answer = this.answer(received, this.received.length - 1);
        if (answer === 'hold') {
          this.held.push(response);
          return;
        }
        const { status, body, headers } = typeof answer === 'number' ? { status: answer, body: undefined, headers: undefined } : answer;
        response.writeHead(status, headers).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  /** Parsed bodies of the requests so far whose `type` is `type` (all when omitted). */
  events<T = { type: string; timestamp: string; data: Record<string, unknown> }>(type?: string): Array<T & { id: string }> {
    return this.received
      .map((r) => ({ ...(JSON.parse(r.body) as T & { type: string }), id: String(r.headers['webhook-id']) }))
      .filter((e) => type === undefined || e.type === type);
  }

  async until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    await eventually(predicate, `the endpoint to receive what was awaited (it has ${this.received.length} request(s))`, { timeoutMs });
  }

  release(): void {
    for (const response of this.held.splice(0)) response.destroy();
  }

  async close(): Promise<void> {
    this.release();
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  }
}
