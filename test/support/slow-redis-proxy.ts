import { createServer, connect, type Server, type Socket } from 'node:net';

/** A TCP proxy in front of a real Redis whose answers can be held back (see `startSlowProxy`). */
export interface SlowProxy {
  /** `redis://127.0.0.1:<port>` of the proxy. */
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
    let first = true;
    // In order, as on a real socket: lowering `delayMs` while answers are held must not let a later
    // one overtake them (a client matches answers to its commands by their order).
    const held: Array<{ at: number; chunk: Buffer }> = [];
    let armed = false;
    const arm = () => {
      armed = true;
      setTimeout(release, held[0].at - performance.now());
    };
    const release = () => {
      armed = false;
      while (held.length > 0 && held[0].at <= performance.now()) {
        const { chunk } = held.shift() as { chunk: Buffer };
        if (client.writable) client.write(chunk);
      }
      if (held.length > 0) arm();
    };
    upstream.on('data', (chunk: Buffer) => {
      const delay = first ? Math.max(state.delayMs, state.firstAnswerDelayMs) : state.delayMs;
      first = false;
      held.push({ at: Math.max(performance.now() + delay, held[held.length - 1]?.at ?? 0), chunk });
      if (!armed) arm();
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `redis://127.0.0.1:${port}`,
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
