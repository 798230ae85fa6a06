import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the fault-and-abuse suites measured, case by case: requests made, whether the case's
 * assertions held, latency percentiles, and the behaviour the case asserts. Each suite records
 * into its own `FaultSummary` from inside its tests (so the outcome is the assertions' own) and
 * writes it in `afterAll`; `test-output/fault-summary.md` holds every suite's latest section.
 */
export interface CaseOutcome {
  name: string;
  /** The behaviour the case asserts, in one line. */
  expected: string;
  /** HTTP requests (or property runs) made by the case. */
  requests: number;
  /** `yes`, `NO`, or `known bug` for an `it.failing` case whose correct-behaviour assertion failed as expected. */
  passed: 'yes' | 'NO' | 'known bug' | 'FIXED?';
  /** Latency samples, in ms. */
  samples: number[];
}

/** A request counter and latency sampler handed to one case. */
export interface CaseProbe {
  /** Runs `request`, records its wall time (ms) as one latency sample and counts it as one request. */
  time<T>(request: () => Promise<T>): Promise<{ result: T; ms: number }>;
  /** Counts requests that are not timed (setup, warm-up, follow-up checks). */
  count(requests?: number): void;
  /** Records one request (or property run) timed by the caller, in ms. */
  record(ms: number): void;
}

const OUTPUT_DIR = join(__dirname, '..', '..', 'test-output');
const SECTIONS_DIR = join(OUTPUT_DIR, 'fault-summary.sections');
const SUMMARY_FILE = join(OUTPUT_DIR, 'fault-summary.md');

export class FaultSummary {
  private readonly outcomes: CaseOutcome[] = [];

  /** `section` names this suite in the summary file (one section per test file). */
  constructor(private readonly section: string) {}

  /**
   * Runs one case: `body` makes its requests through the probe and asserts. The outcome is
   * recorded whatever happens; a failed assertion is rethrown so jest reports it. `knownBug`
   * marks an `it.failing` case: its assertions state the correct behaviour and are expected to fail.
   */
  async run(name: string, expected: string, body: (probe: CaseProbe) => Promise<void>, options: { knownBug?: boolean } = {}): Promise<void> {
    const outcome: CaseOutcome = { name, expected, requests: 0, passed: 'NO', samples: [] };
    this.outcomes.push(outcome);
    const probe: CaseProbe = {
      time: async (request) => {
        outcome.requests += 1;
        const started = performance.now();
        const result = await request();
        const ms = performance.now() - started;
        outcome.samples.push(ms);
        return { result, ms };
      },
      count: (requests = 1) => {
        outcome.requests += requests;
      },
      record: (ms) => {
        outcome.requests += 1;
        outcome.samples.push(ms);
      },
    };
    try {
      await body(probe);
      outcome.passed = options.knownBug ? 'FIXED?' : 'yes';
    } catch (error) {
      outcome.passed = options.knownBug ? 'known bug' : 'NO';
      throw error;
    }
  }

  /** The markdown table of this suite's cases, in the order they ran. */
  table(): string {
    const rows = this.outcomes.map((o) =>
      [o.name, String(o.requests), o.passed, format(percentile(o.samples, 50)), format(percentile(o.samples, 99)), o.expected].map(cell).join(' | '),
    );
    const passed = this.outcomes.filter((o) => o.passed === 'yes').length;
    const bugs = this.outcomes.filter((o) => o.passed === 'known bug').length;
    return [
      `### ${this.section}`,
      '',
      `${this.outcomes.length} cases: ${passed} passed, ${bugs} known bugs (it.failing), ${this.outcomes.length - passed - bugs} other. Measured ${new Date().toISOString()}.`,
      '',
      '| case | requests | passed | p50 ms | p99 ms | expected behaviour |',
      '|---|---:|---|---:|---:|---|',
      ...rows.map((r) => `| ${r} |`),
      '',
    ].join('\n');
  }

  /** Prints the table and (re)writes `test-output/fault-summary.md` with every suite's latest section. */
  write(): void {
    const table = this.table();
    process.stdout.write(`\n${table}\n`);
    mkdirSync(SECTIONS_DIR, { recursive: true });
    const file = join(SECTIONS_DIR, `${this.section.replace(/[^A-Za-z0-9_-]+/g, '-')}.md`);
    writeFileSync(`${file}.tmp`, table);
    renameSync(`${file}.tmp`, file);
    // Suites run in parallel workers: merge under a lock so neither drops the other's section.
    withLock(join(OUTPUT_DIR, 'fault-summary.lock'), () => {
      const sections = readdirSync(SECTIONS_DIR)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => readFileSync(join(SECTIONS_DIR, f), 'utf8'));
      const merged = ['# Fault-and-abuse summary', '', 'Written by `test/fault/*.test.ts` (latest run of each suite).', '', ...sections].join('\n');
      writeFileSync(`${SUMMARY_FILE}.tmp`, merged);
      renameSync(`${SUMMARY_FILE}.tmp`, SUMMARY_FILE);
    });
  }
}

/** Nearest-rank percentile of `samples` (ms); NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function format(ms: number): string {
  return Number.isNaN(ms) ? '–' : ms.toFixed(ms < 10 ? 1 : 0);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** `mkdir` is atomic: whoever creates the directory holds the lock (given up after 2 s: a crashed holder). */
function withLock(lock: string, task: () => void): void {
  const wait = new Int32Array(new SharedArrayBuffer(4));
  let held = false;
  for (let i = 0; i < 200 && !held; i += 1) {
    try {
      mkdirSync(lock);
      held = true;
    } catch {
      Atomics.wait(wait, 0, 0, 10);
    }
  }
  try {
    task();
  } finally {
    if (held) rmdirSync(lock);
  }
}
