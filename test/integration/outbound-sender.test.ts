/**
 * The outbound webhook sender against real receivers on 127.0.0.1 (port 0): what one attempt
 * records for a 2xx, a 4xx/5xx and a redirect (never followed), that a silent receiver or an
 * endless body cannot hold an attempt past its bounds, and that the SSRF guard refuses private
 * targets without a single connection, by URL and at connect time (DNS rebinding).
 */
import dns from 'node:dns';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundSender, type OutboundSenderOptions } from '../../src/outbound/outbound-sender';

interface Receiver {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  connections: number;
  close(): Promise<void>;
}

const receivers: Receiver[] = [];

async function receiver(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Receiver> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      self.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      handle(req, res);
    });
  });
  server.on('connection', () => {
    self.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const self: Receiver = {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(self);
  return self;
}

const senders: OutboundSender[] = [];

function sender(options: Partial<OutboundSenderOptions> = {}): OutboundSender {
  const created = new OutboundSender({
    policy: { allowPrivate: true },
    timeoutMs: 2000,
    maxResponseBytes: 64 * 1024,
    logBytes: 16,
    userAgent: 'interview-graph-webhooks/1.0',
    ...options,
  });
  senders.push(created);
  return created;
}

const EVENT = { headers: { 'Webhook-Id': 'msg_1', 'webhook-signature': 'v1,abc' }, body: '{"type":"candidate.updated"}' };

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(senders.splice(0).map((s) => s.close()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('what one attempt records', () => {
  it('a 2xx: status, latency, the body cut at logBytes, no error; the POST carries the headers, content type, user agent and body', async () => {
    const target = await receiver((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('received, thank you very much'));
    const result = await sender().send({ url: `${target.origin}/hooks?tenant=1`, ...EVENT });
    expect(result).toEqual({ status: 200, latencyMs: expect.any(Number), error: null, responseBody: 'received, thank ', retryAfterSeconds: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(2000);
    expect(target.requests).toHaveLength(1);
    const [seen] = target.requests;
    expect(seen).toMatchObject({ method: 'POST', url: '/hooks?tenant=1', body: EVENT.body });
    expect(seen.headers).toMatchObject({
      'webhook-id': 'msg_1',
      'webhook-signature': 'v1,abc',
      'content-type': 'application/json',
      'user-agent': 'interview-graph-webhooks/1.0',
    });
  });

  it("the caller's own Content-Type or User-Agent does not replace the sender's", async () => {
    const target = await receiver((_req, res) => res.writeHead(204).end());
    const result = await sender().send({ url: target.origin, headers: { 'Content-Type': 'text/plain', 'User-Agent': 'x' }, body: '{}' });
    expect(result.status).toBe(204);
    expect(target.requests[0].headers['content-type']).toBe('application/json');
    expect(target.requests[0].headers['user-agent']).toBe('interview-graph-webhooks/1.0');
  });

  it("a 500 is 'HTTP 500' with its body snippet; its Retry-After is ignored (only 429/503 carry one)", async () => {
    const target = await receiver((_req, res) => res.writeHead(500, { 'retry-after': '5' }).end('boom'));
    expect(await sender().send({ url: target.origin, ...EVENT })).toMatchObject({
      status: 500,
      error: 'HTTP 500',
      responseBody: 'boom',
      retryAfterSeconds: null,
    });
  });

  it('a 410 keeps its status', async () => {
    const target = await receiver((_req, res) => res.writeHead(410).end());
    expect(await sender().send({ url: target.origin, ...EVENT })).toMatchObject({ status: 410, error: 'HTTP 410', responseBody: '' });
  });

  it('a 503 or a 429 gives the seconds of its Retry-After', async () => {
    const busy = await receiver((_req, res) => res.writeHead(503, { 'retry-after': '7' }).end());
    const limited = await receiver((_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const send = sender();
    expect(await send.send({ url: busy.origin, ...EVENT })).toMatchObject({ status: 503, error: 'HTTP 503', retryAfterSeconds: 7 });
    expect(await send.send({ url: limited.origin, ...EVENT })).toMatchObject({ status: 429, error: 'HTTP 429', retryAfterSeconds: 120 });
  });

  it('a 301 is not followed: the attempt fails with its status and Location, and the Location is never called', async () => {
    const elsewhere = await receiver((_req, res) => res.writeHead(200).end());
    const target = await receiver((_req, res) => res.writeHead(301, { location: `${elsewhere.origin}/moved` }).end());
    const result = await sender().send({ url: target.origin, ...EVENT });
    expect(result).toMatchObject({ status: 301, error: `redirect not followed (301 to ${elsewhere.origin}/moved)` });
    expect(target.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
    expect(elsewhere.connections).toBe(0);
  });

  it("a closed port is 'connection refused'", async () => {
    const gone = await receiver(() => undefined);
    await gone.close();
    expect(await sender().send({ url: gone.origin, ...EVENT })).toMatchObject({ status: null, error: 'connection refused' });
  });

  it('sends to the same receiver reuse one kept-alive connection', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end('ok'));
    const send = sender();
    for (let i = 0; i < 3; i += 1) {
      expect((await send.send({ url: target.origin, ...EVENT })).status).toBe(200);
      // undici frees the socket just after the body's end; a send in the same tick would open another.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(target.requests).toHaveLength(3);
    expect(target.connections).toBe(1);
  });

  it('a burst to one receiver uses at most 8 connections; the rest wait their turn', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = await receiver((_req, res) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200).end();
      }, 50);
    });
    const send = sender();
    const results = await Promise.all(Array.from({ length: 20 }, () => send.send({ url: slow.origin, ...EVENT })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(slow.connections).toBe(8);
    expect(peak).toBe(8);
  });
});

describe('bounds', () => {
  it('a receiver that never answers: no status, a timeout error, and the attempt ends soon after timeoutMs', async () => {
    const silent = await receiver(() => undefined);
    const started = performance.now();
    const result = await sender({ timeoutMs: 300 }).send({ url: silent.origin, ...EVENT });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ status: null, error: 'timeout after 300 ms', responseBody: '' });
    expect(silent.requests).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
  });

  it('a body that trickles in, a byte at a time, is cut at timeoutMs: the 2xx stands with what arrived', async () => {
    const trickle = await receiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('x'), 20);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    // Each byte comes well within undici's bodyTimeout: only the attempt's own deadline ends this.
    const result = await sender({ timeoutMs: 300 }).send({ url: trickle.origin, ...EVENT });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ status: 200, error: null });
    expect(result.responseBody).toMatch(/^x+$/);
  });

  it('an endless body is cut at maxResponseBytes: the connection is dropped, the 2xx stands, the attempt ends', async () => {
    let dropped = false;
    let written = 0;
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const endless = await receiver((_req, res) => {
      res.on('close', () => {
        dropped = true;
      });
      res.writeHead(200, { 'content-type': 'text/plain' });
      const pump = () => {
        while (!res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    const started = performance.now();
    // A deadline far away: only the size cap can end this attempt in time.
    const result = await sender({ timeoutMs: 20_000, maxResponseBytes: 64 * 1024, logBytes: 8 }).send({ url: endless.origin, ...EVENT });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ status: 200, error: null, responseBody: 'aaaaaaaa' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dropped).toBe(true);
    // What the kernel buffers on both sides is not the sender's memory; this only shows the stream stopped.
    const stopped = written;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBe(stopped);
  });
});

describe('the SSRF guard in the sender', () => {
  it('with allowPrivate false, http://127.0.0.1 is refused without a connection', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end());
    const result = await sender({ policy: { allowPrivate: false } }).send({ url: target.origin, ...EVENT });
    expect(result).toMatchObject({ status: null, error: 'target refused: Only https:// URLs are accepted.' });
    expect(target.connections).toBe(0);
  });

  it('with allowPrivate false, https://127.0.0.1 is refused without a connection', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end());
    const result = await sender({ policy: { allowPrivate: false } }).send({ url: `https://127.0.0.1:${target.port}/`, ...EVENT });
    expect(result.status).toBeNull();
    expect(result.error).toBe("target refused: The URL's host is a private or loopback address (127.0.0.1), which is not allowed.");
    expect(target.connections).toBe(0);
  });

  it('a name that resolves to loopback at connect time is refused there, without a connection (DNS rebinding)', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end());
    const asked: string[] = [];
    // The name passes the URL check; only the lookup made while connecting sees where it points.
    jest.spyOn(dns, 'lookup').mockImplementation(((hostname: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) => {
      asked.push(hostname);
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    }) as any);
    const result = await sender({ policy: { allowPrivate: false } }).send({ url: `https://rebind.example.test:${target.port}/`, ...EVENT });
    expect(asked).toContain('rebind.example.test');
    expect(result).toMatchObject({
      status: null,
      error: "target refused: The URL's host resolves to a private or loopback address (127.0.0.1), which is not allowed.",
    });
    expect(target.connections).toBe(0);
  });

  it('the same connect-time lookup lets the name through with allowPrivate (so the refusal above is the guard, not the stub)', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end('ok'));
    jest.spyOn(dns, 'lookup').mockImplementation(((_hostname: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) => {
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    }) as any);
    const result = await sender().send({ url: `http://rebind.example.test:${target.port}/`, ...EVENT });
    expect(result).toMatchObject({ status: 200, error: null });
    expect(target.requests[0].headers.host).toBe(`rebind.example.test:${target.port}`);
  });
});
