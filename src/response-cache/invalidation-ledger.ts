/**
 * The order of invalidations, per tenant. Every invalidation gets the next sequence number; a
 * response records the number current when its request started, before it read anything, and is
 * valid only while none of its tags has been invalidated since. That closes the race of a request
 * that read old data, then stores its response after the change that outdated it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RedisConnection } from '../infra/redis-connection';

/**
 * Told of tags invalidated (evict what carries them), or `'all'` after a gap in the sequence;
 * `remote`: committed by another instance (whose writes are in the shared cache layer, not here).
 */
export type InvalidationListener = (tags: readonly string[] | 'all', remote: boolean) => void | Promise<void>;

export interface Invalidations {
  /** The sequence once every invalidation committed before this call is applied here; rejects when that cannot be known. */
  current(): Promise<number>;
  /** Commits an invalidation of `tags`; applied here before it resolves. */
  invalidate(tags: readonly string[]): Promise<void>;
  /** True when none of `tags` was invalidated after `seq`. Synchronous: the state applied so far. */
  unchangedSince(tags: Iterable<string>, seq: number): boolean;
  onApplied(listener: InvalidationListener): void;
}

/**
 * The last sequence of each invalidated tag, bounded by count: forgetting a tag raises the floor,
 * below which every response counts as outdated (safe, never stale).
 */
export class TagLedger {
  seq = 0;
  private floor = 0;
  private readonly last = new Map<string, number>();

  constructor(private readonly maxTags: number) {}

  apply(seq: number, tags: readonly string[]): void {
    this.seq = seq;
    for (const tag of tags) {
      this.last.delete(tag);
      this.last.set(tag, seq);
    }
    for (const [tag, at] of this.last) {
      if (this.last.size <= this.maxTags) break;
      this.last.delete(tag);
      this.floor = Math.max(this.floor, at);
    }
  }

  /** Nothing is known before `seq`: every response from before it is outdated. */
  reset(seq: number): void {
    this.last.clear();
    this.seq = seq;
    this.floor = seq;
  }

  unchangedSince(tags: Iterable<string>, seq: number): boolean {
    if (seq < this.floor) return false;
    for (const tag of tags) {
      const at = this.last.get(tag);
      if (at !== undefined && at > seq) return false;
    }
    return true;
  }
}

/** One process: the sequence is a counter here. */
export class MemoryInvalidations implements Invalidations {
  private readonly ledger: TagLedger;
  private readonly listeners: InvalidationListener[] = [];

  constructor(maxTags: number) {
    this.ledger = new TagLedger(maxTags);
  }

  async current(): Promise<number> {
    return this.ledger.seq;
  }

  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    this.ledger.apply(this.ledger.seq + 1, tags);
    for (const listener of this.listeners) listener(tags, false);
  }

  unchangedSince(tags: Iterable<string>, seq: number): boolean {
    return this.ledger.unchangedSince(tags, seq);
  }

  onApplied(listener: InvalidationListener): void {
    this.listeners.push(listener);
  }
}

/** Invalidations kept in the log (approximately; older ones fall off, which the sequence check notices). */
const LOG_LENGTH = 10_000;
/** Log entries read per round trip while catching up. */
const READ_BATCH = 512;

/** INCR the sequence and log the tags under it, atomically: the log's order is the sequence's. */
const COMMIT = `
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 's', seq, 't', ARGV[2], 'o', ARGV[3])
return seq`;

type StreamEntry = [id: string, fields: string[]];

/**
 * Replicas on one Redis: the sequence is a Redis counter and the invalidations a Redis stream
 * every replica reads. `current()` reads what was logged since its last read — one round trip,
 * shared by the callers that arrive while one is in flight — so a response is never served past
 * an invalidation another replica committed before the request arrived (a webhook's 2xx waits for
 * its commit). A gap (the log trimmed past what this replica read) drops every response it holds.
 */
export class RedisInvalidations implements Invalidations {
  private readonly ledger: TagLedger;
  private readonly listeners: InvalidationListener[] = [];
  private readonly seqKey: string;
  private readonly logKey: string;
  /** Id of the last log entry applied; null before the first read. */
  private lastId: string | null = null;
  private running: Promise<number> | null = null;
  /** Names this instance's own entries in the log. */
  private readonly origin = randomUUID();
  private queued: Promise<number> | null = null;

  /** `reads`: a connection with a short guard (a slow read means answering without the cache); `commits` waits longer. */
  constructor(
    private readonly redis: { reads: RedisConnection; commits: RedisConnection },
    tenantId: string,
    maxTags: number,
    private readonly logger: Logger,
  ) {
    this.ledger = new TagLedger(maxTags);
    this.seqKey = `ig:rc:v1:${tenantId}:seq`;
    this.logKey = `ig:rc:v1:${tenantId}:log`;
  }

  /** A caller arriving while a read is in flight waits for the next one: that one started after it arrived. */
  current(): Promise<number> {
    if (this.running === null) return this.start();
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.redis.commits.run((client) =>
      client.sendCommand(['EVAL', COMMIT, '2', this.seqKey, this.logKey, String(LOG_LENGTH), JSON.stringify(tags), this.origin]),
    );
    await this.current();
  }

  unchangedSince(tags: Iterable<string>, seq: number): boolean {
    return this.ledger.unchangedSince(tags, seq);
  }

  onApplied(listener: InvalidationListener): void {
    this.listeners.push(listener);
  }

  private startQueued(): Promise<number> {
    this.queued = null;
    return this.start();
  }

  private start(): Promise<number> {
    const run = this.catchUp();
    this.running = run;
    const done = () => {
      if (this.running === run) this.running = null;
    };
    run.then(done, done);
    return run;
  }

  private async catchUp(): Promise<number> {
    if (this.lastId === null) {
      const [seq, last] = (await this.redis.reads.run((client) =>
        Promise.all([client.sendCommand(['GET', this.seqKey]), client.sendCommand(['XREVRANGE', this.logKey, '+', '-', 'COUNT', '1'])]),
      )) as unknown as [string | null, StreamEntry[]];
      // Nothing before this replica's first read is known: only what is invalidated from now on.
      this.ledger.reset(Number(seq ?? 0));
      this.lastId = last[0]?.[0] ?? '0-0';
      await this.tell('all', true);
      return this.ledger.seq;
    }
    for (;;) {
      const entries = (await this.redis.reads.run((client) =>
        client.sendCommand(['XRANGE', this.logKey, `(${this.lastId}`, '+', 'COUNT', String(READ_BATCH)]),
      )) as unknown as StreamEntry[];
      for (const [id, fields] of entries) {
        const seq = Number(field(fields, 's'));
        const tags = parseTags(field(fields, 't'));
        if (seq !== this.ledger.seq + 1 || tags === null) {
          this.logger.warn({ expected: this.ledger.seq + 1, got: seq }, 'response cache: invalidations missed (log trimmed); dropping every cached response');
          this.ledger.reset(seq);
          await this.tell('all', true);
        } else {
          this.ledger.apply(seq, tags);
          await this.tell(tags, field(fields, 'o') !== this.origin);
        }
        this.lastId = id;
      }
      if (entries.length < READ_BATCH) return this.ledger.seq;
    }
  }

  /** Waits for the listeners, so what the caller reads next is already free of what was invalidated. */
  private async tell(tags: readonly string[] | 'all', remote: boolean): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(tags, remote)));
  }
}

function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function parseTags(value: string | undefined): string[] | null {
  try {
    const tags = JSON.parse(value ?? '') as unknown;
    return Array.isArray(tags) && tags.every((t) => typeof t === 'string') ? tags : null;
  } catch {
    return null;
  }
}
