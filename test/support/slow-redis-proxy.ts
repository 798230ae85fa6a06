import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP proxy in front of a real Redis whose answers can be held back (see `startSlowProxy`). */
export interface SlowProxy {
  /**
   * The target's URL pointed at the proxy (`127.0.0.1:<port>`): its scheme, user, password and
   * database kept, since the proxy only passes bytes (AUTH and SELECT reach the real Redis).
   */
  url: string;
  /** How long each chunk Redis sends is held before it reaches the client, in ms (0: none). */
  delayMs: number;
  /** How long the first chunk on each connection (the connection handshake's answer) is held, at least, in ms. */
  firstAnswerDelayMs: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the real Redis whose answers can be held back: a slow Redis, made
 * for one test alone (pausing the server itself would slow every other suite using it).
 */
export async function startSlowProxy(target: URL): Promise<SlowProxy> {
  const sockets = new Set<Socket>();
  const state = { delayMs: 0, firstAnswerDelayMs: 0 };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    // Answers reach the client in the order Redis sent them, each held its delay from its
    // arrival (a delay lowered meanwhile never lets a later chunk overtake an earlier one), and
    // Redis closing the connection (after QUIT's answer) closes it for the client only once the
    // held answers are written.
    let first = true;
    let upstreamEnded = false;
    const queue: Array<{ chunk: Buffer; due: number }> = [];
    let timer: NodeJS.Timeout | null = null;
    const pump = () => {
      timer = null;
      while (queue.length > 0 && queue[0].due <= Date.now()) {
        const { chunk } = queue.shift()!;
        if (client.writable) client.write(chunk);
      }
      if (queue.length > 0) timer = setTimeout(pump, queue[0].due - Date.now());
      else if (upstreamEnded) client.end();
    };
    upstream.on('data', (chunk: Buffer) => {
      const delay = first ? Math.max(state.delayMs, state.firstAnswerDelayMs) : state.delayMs;
      first = false;
      queue.push({ chunk, due: Math.max(Date.now() + delay, queue.at(-1)?.due ?? 0) });
      timer ??= setTimeout(pump, queue[0].due - Date.now());
    });
    const destroy = () => {
      if (timer) clearTimeout(timer);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroy).on('close', destroy);
    upstream.on('error', destroy).on('end', () => {
      upstreamEnded = true;
      timer ??= setTimeout(pump, 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = new URL(target.href);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.href,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    get firstAnswerDelayMs() {
      return state.firstAnswerDelayMs;
    },
    set firstAnswerDelayMs(value: number) {
      state.firstAnswerDelayMs = value;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
