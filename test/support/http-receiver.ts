import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from './timing';

export interface Received {
  method: string;
  /** The request's path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body as sent: signatures are checked over these bytes, so it is kept unparsed (see `json`). */
  body: string;
  /** performance.now() when it arrived. */
  at: number;
}

/** What the receiver answers a request: a status (and body), or 'hold' (never answers, until `release`). */
export type Answer = number | { status: number; body?: string; headers?: Record<string, string> } | 'hold';

/**
 * An HTTP receiver on 127.0.0.1, port 0: a customer's endpoint for outbound webhooks, or the
 * gateway for a simulator's webhook deliveries. Records every request and answers what the test
 * says (204 by default); an async `answer` holds the response until it settles, so a test can
 * read state at the moment a webhook arrives.
 */
export class HttpReceiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  private address: string | null = null;
  private held: ServerResponse[] = [];
  /** `index` is the request's place in `received`. One that throws or rejects answers 500, so the sender sees it. */
  answer: (request: Received, index: number) => Answer | Promise<Answer> = () => 204;

  /** Listens and resolves to the URL to send to (`path` on this port). */
  async start(path = '/hooks'): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received: Received = {
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: performance.now(),
        };
        void this.respond(response, received, this.received.push(received) - 1);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.address = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
    return this.address;
  }

  /** The URL `start` resolved to. */
  get url(): string {
    if (this.address === null) throw new Error('HttpReceiver: url read before start()');
    return this.address;
  }

  /** The parsed JSON body of the request at `index` (throws if it is not JSON). */
  json<T = unknown>(index: number): T {
    return JSON.parse(this.received[index].body) as T;
  }

  /** The parsed JSON bodies of the requests so far, in arrival order. */
  bodies<T = unknown>(): T[] {
    return this.received.map((_, index) => this.json<T>(index));
  }

  /** Parsed bodies of the requests so far whose `type` is `type` (all when omitted). */
  events<T = { type: string; timestamp: string; data: Record<string, unknown> }>(type?: string): Array<T & { id: string }> {
    return this.received
      .map((r, index) => ({ ...this.json<T & { type: string }>(index), id: String(r.headers['webhook-id']) }))
      .filter((e) => type === undefined || e.type === type);
  }

  async until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    await eventually(predicate, `the receiver to get what was awaited (it has ${this.received.length} request(s))`, { timeoutMs });
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

  private async respond(response: ServerResponse, received: Received, index: number): Promise<void> {
    let answer: Answer;
    try {
      answer = await this.answer(received, index);
    } catch (error) {
      answer = { status: 500, body: `the test's answer failed: ${String(error)}` };
    }
    if (answer === 'hold') {
      this.held.push(response);
      return;
    }
    // close() may have dropped the connection while an async answer was pending.
    if (response.destroyed) return;
    const { status, body, headers } = typeof answer === 'number' ? { status: answer, body: undefined, headers: undefined } : answer;
    response.writeHead(status, headers).end(body);
  }
}
