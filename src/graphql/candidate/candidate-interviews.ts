import type { Interview, InterviewStatus } from '../../domain/model';
import type { Provider } from '../../domain/provider';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { entityRef } from '../../store/entity-ref';
import type { IndexedRef } from '../../identity/identity-index';
import { decodeCursor, encodeCursor } from '../common/cursor-codec';
import type { GraphQLContext } from '../context';

export interface MergedEdge {
  cursor: string;
  provider: Provider;
  interview: Interview | Error;
}

export interface MergedPage {
  edges: MergedEdge[];
  hasNextPage: boolean;
}

/** Per provider, the sort key of the last ref consumed: the next page starts after it. */
type Positions = Partial<Record<Provider, [string, string]>>;

const LIST = 'candidate.interviews';

/** Missing dates sort last ('' < any ISO date). */
function keyOf(ref: IndexedRef): [string, string] {
  return [ref.createdAt ?? '', ref.locator];
}

function before(a: [string, string], b: [string, string]): boolean {
  return a[0] !== b[0] ? a[0] > b[0] : a[1] < b[1];
}

export function encodeMergeCursor(positions: Positions): string {
  return encodeCursor([LIST, positions]);
}

export function decodeMergeCursor(cursor: string | null | undefined): Positions {
  if (!cursor) return {};
  const parsed = decodeCursor(cursor);
  if (parsed && parsed[0] === LIST && parsed[1] && typeof parsed[1] === 'object') return parsed[1] as Positions;
  throw new BadUserInputError("Invalid cursor: pass an `endCursor` or edge `cursor` of this candidate's interviews.");
}

export interface MergeArgs {
  provider?: Provider | null;
  status?: InterviewStatus | null;
  /** ISO-8601: only interviews changed at or after this time. */
  updatedAfter?: string | null;
  first: number;
  after?: string | null;
}

/**
 * The cursor holds a position per provider, so paging returns every interview exactly once and
 * newer ones indexed later do not shift earlier pages.
 */
export async function mergedInterviews(ctx: GraphQLContext, refs: readonly IndexedRef[], args: MergeArgs): Promise<MergedPage> {
  const positions: Positions = { ...decodeMergeCursor(args.after) };
  const queues = new Map<Provider, IndexedRef[]>();
  for (const ref of refs) {
    if (args.provider && ref.provider !== args.provider) continue;
    const last = positions[ref.provider];
    if (last && !before(last, keyOf(ref))) continue; // at or before the cursor: already served
    const queue = queues.get(ref.provider);
    if (queue) queue.push(ref);
    else queues.set(ref.provider, [ref]);
  }
  for (const queue of queues.values()) queue.sort((a, b) => (before(keyOf(a), keyOf(b)) ? -1 : 1));

  const take = (n: number): IndexedRef[] => {
    const out: IndexedRef[] = [];
    while (out.length < n) {
      let best: IndexedRef | undefined;
      for (const queue of queues.values()) if (queue.length > 0 && (!best || before(keyOf(queue[0]), keyOf(best)))) best = queue[0];
      if (!best) break;
      queues.get(best.provider)!.shift();
      out.push(best);
    }
    return out;
  };

  const edges: MergedEdge[] = [];
  for (;;) {
    const batch = take(args.first - edges.length);
    if (batch.length === 0) return { edges, hasNextPage: false };
    const loaded = await ctx.loaders.interviewByLocator.loadMany(batch.map((r) => entityRef(r.provider, r.locator)));
    for (let i = 0; i < batch.length; i += 1) {
      const ref = batch[i];
      const value = loaded[i];
      positions[ref.provider] = keyOf(ref);
      if (value === null) continue; // no longer at the vendor
      if (!(value instanceof Error) && !matches(value, args)) continue;
      edges.push({
        cursor: encodeMergeCursor(positions),
        provider: ref.provider,
        interview: value instanceof Error ? value : withIndexedCandidate(value, ref),
      });
      if (edges.length === args.first) {
        // Put back what this batch did not consume, then see if anything is left.
        const rest = batch.slice(i + 1);
        for (const r of rest.reverse()) queues.get(r.provider)!.unshift(r);
        return { edges, hasNextPage: [...queues.values()].some((q) => q.length > 0) };
      }
    }
  }
}

/**
 * The index holds this interview under the person's email, learned from the vendor's own profile
 * (by the sync, or from the invite's answer): an interview that names its candidate by id only
 * takes name and email from there rather than from another vendor call.
 */
function withIndexedCandidate(interview: Interview, ref: IndexedRef): Interview {
  const account = interview.candidate;
  if (!account.deferred || account.email !== null || ref.email === null || ref.candidateProviderId !== account.providerId) return interview;
  return { ...interview, candidate: { ...account, name: ref.name, email: ref.email, deferred: false } };
}

function matches(interview: Interview, args: MergeArgs): boolean {
  if (args.status && interview.status !== args.status) return false;
  if (args.updatedAfter) {
    const changed = interview.updatedAt ?? interview.completedAt ?? interview.invitedAt ?? interview.createdAt;
    if (!changed || changed < args.updatedAfter) return false;
  }
  return true;
}
