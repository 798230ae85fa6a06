/**
 * The compiled gateway as a real process (`node dist/src/main.js`): started, awaited, stopped. The
 * build is shared by every test file that runs it, one at a time (a lock), so two `tsc -b` never
 * write `dist` at once.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');

export function start(
  env: Record<string, string>,
  options: { cwd?: string; command?: string[] } = {},
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const [command, ...args] = options.command ?? [process.execPath, MAIN];
  // Its own process group (detached), so `npm start` and the node it runs stop together.
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.command !== undefined,
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor(predicate: () => RegExpMatchArray | null, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = predicate();
    if (match) return match;
    if (Date.now() > deadline) throw new Error('timed out waiting for the gateway');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The startup banner's JSON line. */
export function banner(output: string): { msg: string; address: string; banner: Record<string, unknown> } {
  const line = output.split('\n').find((l) => l.includes('"msg":"GraphQL gateway ready at'));
  if (!line) throw new Error(`no startup banner in:\n${output}`);
  return JSON.parse(line) as { msg: string; address: string; banner: Record<string, unknown> };
}

/** `count` free consecutive loopback ports, the first returned. */
export async function freePortBase(count: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const servers = await Promise.all(
      Array.from(
        { length: count },
        (_, i) =>
          new Promise<ReturnType<typeof createServer> | null>((resolve) => {
            const server = createServer();
            server.once('error', () => resolve(null));
            server.listen(base + i, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    await Promise.all(servers.map((s) => s && new Promise((r) => s.close(r))));
    if (servers.every(Boolean)) return base;
  }
}

/** SIGTERM, then the exit code; SIGKILL and 'hung' when it does not stop within 10 s. */
export async function stop(gateway: ReturnType<typeof start>, group = false): Promise<number | null | 'hung'> {
  const pid = gateway.child.pid!;
  const signal = (s: NodeJS.Signals) => (group ? process.kill(-pid, s) : gateway.child.kill(s));
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([gateway.exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 10_000)))]);
  clearTimeout(timer);
  if (outcome === 'hung') signal('SIGKILL');
  return outcome;
}

/** The build step of `npm start` and `npm run dev`: compiles what changed since the last build (all of it on a fresh clone). */
export function buildGateway(): void {
  const lock = join(ROOT, 'node_modules', '.gateway-build-lock');
  const deadline = Date.now() + 170_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than any build is a crashed run's.
      const age = (() => {
        try {
          return Date.now() - statSync(lock).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if (age > 180_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error('timed out waiting for another build of dist');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmdirSync(lock);
  }
}
