import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  method: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A webhook receiver on 127.0.0.1, port 0, standing in for the gateway in simulator delivery
 * tests: records every request, awaits `state.onDelivery` (if set) before answering, then answers
 * `state.status` with `{"ok":true}`.
 */
export async function startWebhookReceiver(path: string, status = 202) {
  const received: ReceivedWebhook[] = [];
  const state: { status: number; onDelivery: ((body: unknown) => Promise<void>) | null } = { status, onDelivery: null };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push({ method: req.method ?? '', headers: req.headers, body });
      void (state.onDelivery ?? (async () => undefined))(body).finally(() =>
        res.writeHead(state.status, { 'content-type': 'application/json' }).end('{"ok":true}'),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
