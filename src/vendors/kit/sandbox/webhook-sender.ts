import { Agent, request } from 'undici';

/** Outbound webhook POSTs (JSON) over the simulator's own connection pool. */
export class WebhookSender {
  target: string | null = null;
  private agent: Agent | null = null;

  constructor(private readonly userAgent: string) {}

  get on(): boolean {
    return this.target !== null;
  }

  /** POSTs `body` to the target; resolves to the status it answered. */
  async post(body: unknown): Promise<number> {
    if (this.target === null) throw new Error('webhook delivery is off');
    this.agent ??= new Agent({ connect: { timeout: 2000 }, headersTimeout: 10_000, bodyTimeout: 10_000 });
    const response = await request(this.target, {
      method: 'POST',
      dispatcher: this.agent,
      headers: { 'content-type': 'application/json', 'user-agent': this.userAgent },
      body: JSON.stringify(body),
    });
    await response.body.dump();
    return response.statusCode;
  }

  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = null;
    await agent?.close();
  }
}
