/**
 * Large seeding (`SimulatorOptions.extraInterviews`), for benchmarks at 100,000 interviews.
 * - A generator seeded apart from the data set's, so with 0 extra rows nothing changes and with N
 *   the base rows keep their values.
 * - Each vendor draws mostly from its own region of synthetic people and sometimes from a region
 *   every vendor draws from, so some emails are at several vendors (the gateway merges by email).
 */
import { DATA_EPOCH, syntheticPerson, type Person } from './people';
import { SeededRandom } from './random';

/** Added to a simulator's seed for the extra rows' generator. */
export const EXTRA_SEED_OFFSET = 0x4c617267; // "Larg"

/** Where each vendor's own synthetic people start (person numbers); region 0 is shared by all. */
export const SYNTHETIC_REGION_SIZE = 10_000_000;

/** The region of person numbers a vendor draws its own extra candidates from (1-based; 0 is the shared one). */
export const SYNTHETIC_REGIONS = { micro1: 1, heymilo: 2, xobin: 3, evalyo: 4 } as const;
export type SyntheticRegion = (typeof SYNTHETIC_REGIONS)[keyof typeof SYNTHETIC_REGIONS];

/** Fraction of extra interviews whose candidate comes from the shared region. */
const SHARED_SHARE = 0.1;

const DAY = 24 * 60 * 60 * 1000;

/** The generator of a simulator's extra rows (separate from its data set's). */
export function extraRandom(seed: number): SeededRandom {
  return new SeededRandom((seed + EXTRA_SEED_OFFSET) >>> 0);
}

/** The validated count of extra interviews (a whole number ≥ 0; anything else is 0). */
export function extraCount(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** With replacement, so a person may have several interviews: 25,000 draws give about 17,000 distinct people. */
export function syntheticPeoplePicker(random: SeededRandom, region: SyntheticRegion, count: number): () => Person {
  const own = Math.max(1, Math.ceil(count * 1.1));
  const shared = Math.max(1, Math.ceil(count * 0.12));
  const people = new Map<number, Person>();
  return () => {
    const n = random.chance(SHARED_SHARE) ? random.int(0, shared - 1) : region * SYNTHETIC_REGION_SIZE + random.int(0, own - 1);
    let person = people.get(n);
    if (!person) {
      person = syntheticPerson(n);
      people.set(n, person);
    }
    return person;
  };
}

/** An instant (ms) in [DATA_EPOCH - fromDaysAgo days, DATA_EPOCH - toDaysAgo days]. */
export function extraInstant(random: SeededRandom, fromDaysAgo = 90, toDaysAgo = 0): number {
  return random.int(DATA_EPOCH - fromDaysAgo * DAY, DATA_EPOCH - toDaysAgo * DAY);
}

/** Picks a word by weight (weights need not sum to 1). */
export function weighted<T>(random: SeededRandom, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let roll = random.next() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[table.length - 1][0];
}

export function spreadExtraInterviews(total: number, vendors: number): number[] {
  const count = extraCount(total);
  if (vendors <= 0) return [];
  const each = Math.floor(count / vendors);
  return Array.from({ length: vendors }, (_, i) => each + (i < count % vendors ? 1 : 0));
}
