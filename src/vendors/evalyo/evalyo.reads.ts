/**
 * Evalyo has no batch endpoints, and interviews carry only a `candidateId`. Reads return the
 * interview with its candidate `deferred` (no profile call, no extra round trip): the gateway
 * looks the profile up through `getCandidates`, behind its cache, only when a field needs the
 * name or email. Discovery alone reads profiles with the interviews, since the identity index
 * keys them by email. The unified INVITED covers Evalyo's INVITED and DRAFT, so that filter reads
 * Evalyo's INVITED list, then its DRAFT list.
 */
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { type CandidateAccount, InterviewStatus, type Interview, type InterviewTemplate, type Report } from '../../domain/model';
import { fromZonedString } from '../../domain/time';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { answerEach, fetchEach } from '../kit/batch';
import { identityRefOf } from '../kit/identity-ref';
import { planWindow, readWindow } from '../kit/offset-paging';
import { type CursorPart, edgeCursor, offsetPart, pageSize } from '../kit/paging';
import { bindRole, type VendorReads } from '../vendor-roles';
import type { WithRaw } from '../kit/schema-drift';
import type {
  BatchResult,
  DiscoveryArgs,
  DiscoveryPage,
  Edge,
  IdentityRef,
  InterviewListArgs,
  ListArgs,
  ListResult,
  Related,
  VendorAdapter,
} from '../vendor-adapter';
import { EVALYO_MAX_PAGE_SIZE, type EvalyoClient } from './evalyo.client';
import { evalyoDescriptor } from './evalyo.descriptor';
import { isEvalyoId } from './evalyo.ids';
import {
  EVALYO_STATUS_QUERIES,
  evalyoCandidateAccount,
  normalizeEvalyoInterview,
  normalizeEvalyoJob,
  normalizeEvalyoReport,
  PROFILE_NOT_READ,
} from './evalyo.normalize';
import type { EvalyoPage, RawEvalyoCandidate, RawEvalyoInterview, RawEvalyoInterviewDetail } from './evalyo.raw';

/** What every read works with: the client, the profiles discovery has read, and a log that says each warning once. */
interface EvalyoReading {
  client: EvalyoClient;
  profiles: CandidateProfiles;
  warnings: OnceLogger;
}

/** Evalyo's reads: its interviews defer their candidate, so it answers `getCandidates`. */
export type EvalyoReads = VendorReads & Required<Pick<VendorAdapter, 'getCandidates'>>;

export function evalyoReads(client: EvalyoClient, logger: Logger): EvalyoReads {
  return bindRole<EvalyoReads, EvalyoReading>(
    { client, profiles: new CandidateProfiles(client), warnings: onceLogger(logger) },
    { listTemplates, getTemplates, listInterviews, getInterviews, getReportsForInterviews, getReports, getCandidates, discoverInterviews },
  );
}

/* ============================================================================ reads */

async function listTemplates({ client }: EvalyoReading, args: ListArgs): Promise<ListResult<InterviewTemplate>> {
  const first = pageSize(args.first, EVALYO_MAX_PAGE_SIZE);
  const page = await collectPage((_list, p, size) => client.listJobs({ page: p, pageSize: size }), 1, first, args.after);
  return {
    edges: page.items.map(({ item, cursor }) => ({ node: normalizeEvalyoJob(item.parsed, item.raw), cursor })),
    hasNextPage: page.hasNextPage,
  };
}

async function getTemplates({ client }: EvalyoReading, locators: readonly string[]): Promise<BatchResult<InterviewTemplate>> {
  const jobs = await fetchEach(locators.filter(isEvalyoId), (id) => client.getJob(id));
  return { results: answerEach(locators, jobs, (job) => normalizeEvalyoJob(job.parsed, job.raw)) };
}

/** Interviews that cannot have a report yet come back with `related.reports: null`, so asking costs nothing. */
async function listInterviews({ client }: EvalyoReading, args: InterviewListArgs): Promise<ListResult<Interview>> {
  const first = pageSize(args.first, EVALYO_MAX_PAGE_SIZE);
  const words: ReadonlyArray<string | null> = args.status ? EVALYO_STATUS_QUERIES[args.status] : [null];
  const jobId = args.templateLocator ?? null;
  if (words.length === 0 || (jobId !== null && !isEvalyoId(jobId))) {
    decodeEvalyoCursor(args.after, Math.max(1, words.length));
    return { edges: [], hasNextPage: false, related: { reports: [] } };
  }
  const page = await collectPage(
    (list, p, size) => client.listInterviews({ page: p, pageSize: size, status: words[list], jobId }),
    words.length,
    first,
    args.after,
  );
  const edges: Edge<Interview>[] = page.items.map(({ item, cursor }) => ({
    node: normalizeEvalyoInterview(item.parsed, PROFILE_NOT_READ, item.raw),
    cursor,
  }));
  return { edges, hasNextPage: page.hasNextPage, related: { reports: knownAbsentReports(edges.map((e) => e.node)) } };
}

/** One detail call per interview, which also answers its report. */
async function getInterviews({ client }: EvalyoReading, locators: readonly string[]): Promise<BatchResult<Interview>> {
  const details = await detailsOf(client, locators);
  const found = [...details.values()].filter((d): d is WithRaw<RawEvalyoInterviewDetail> => d !== null && !(d instanceof Error));
  const reports: NonNullable<Related['reports']> = found.map((detail) => ({
    interviewLocator: detail.parsed.id,
    report: normalizeEvalyoReport(detail.parsed, detail.raw),
  }));
  return {
    results: answerEach(locators, details, (detail) => normalizeEvalyoInterview(detail.parsed, PROFILE_NOT_READ, detail.raw)),
    related: reports.length > 0 ? { reports } : undefined,
  };
}

/** One profile call per distinct candidate id: what a deferred candidate's name and email need. */
async function getCandidates({ client }: EvalyoReading, candidateIds: readonly string[]): Promise<BatchResult<CandidateAccount>> {
  const profiles = await fetchEach(candidateIds.filter(isEvalyoId), (id) => client.getCandidate(id));
  return { results: answerEach(candidateIds, profiles, (profile) => evalyoCandidateAccount(profile.id, profile)) };
}

/** Interviews are NOT returned as `related`: their candidate deferred, they would overwrite a copy that has the email (the sync's). */
function getReportsForInterviews({ client }: EvalyoReading, interviewLocators: readonly string[]): Promise<BatchResult<Report>> {
  return reportsFromDetails(client, interviewLocators);
}

/** Report locator = interview id (see normalizeEvalyoReport): same single detail call. */
function getReports({ client }: EvalyoReading, reportLocators: readonly string[]): Promise<BatchResult<Report>> {
  return reportsFromDetails(client, reportLocators);
}

/**
 * - An unreadable checkpoint counts as none: a full pass re-indexes, which is safe.
 * - The interview AT the checkpoint is returned again: a second one created in the same
 *   millisecond must not be lost.
 * - The early stop relies on newest-first order, so it only happens on pages that ARE newest
 *   first; otherwise the pass reads the whole list.
 * - Interviews created during a pass push older ones to later pages, so a boundary may repeat one
 *   (harmless); they are picked up by the next pass.
 */
async function discoverInterviews({ client, profiles, warnings }: EvalyoReading, args: DiscoveryArgs): Promise<DiscoveryPage> {
  const { page, newest: carried } = decodeDiscoveryResume(args.resume);
  const checkpoint = parseInstant(args.checkpoint);
  const body = await client.listInterviews({ page, pageSize: EVALYO_DISCOVERY_PAGE_SIZE });
  const read = body.data;
  const items = read.map((i) => i.parsed);

  const freshRead = checkpoint === null ? read : read.filter((i) => (parseInstant(i.parsed.createdAt) ?? Infinity) >= checkpoint);
  const fresh = freshRead.map((i) => i.parsed);
  const ordered = isNewestFirst(items);
  if (!ordered) warnings.warn('evalyo-order', 'Evalyo interviews are not listed newest first: discovery reads the whole list on every pass');
  const reachedOld = checkpoint !== null && ordered && fresh.length < items.length;
  const lastPage = isLastPage(body, page, EVALYO_DISCOVERY_PAGE_SIZE);

  const candidates = await candidatesOf(profiles, fresh);
  const interviews = freshRead.map((item) => normalizeEvalyoInterview(item.parsed, candidateFor(candidates, item.parsed), item.raw));
  const refs: IdentityRef[] = interviews.map(identityRefOf);

  const newest = [carried, ...fresh.map((i) => parseInstant(i.createdAt))].reduce<number | null>(
    (max, t) => (t === null ? max : max === null ? t : Math.max(max, t)),
    null,
  );
  const done = reachedOld || lastPage;
  const related: Related = { interviews, reports: knownAbsentReports(interviews) };
  if (!done) return { refs, resume: encodeDiscoveryResume(page + 1, newest), checkpoint: null, related };
  const next = newest ?? checkpoint;
  return { refs, resume: null, checkpoint: next === null ? null : new Date(next).toISOString(), related };
}

/* ============================================================================ lookups */

/** How long a candidate profile read from Evalyo is reused (emails and names rarely change), in ms. */
const CANDIDATE_CACHE_TTL_MS = 10 * 60_000;
/** Bytes of candidate profiles one adapter keeps (about 20,000 profiles). */
const CANDIDATE_CACHE_BYTES = 8 * 1024 * 1024;

/** Interviews per discovery page: Evalyo's largest page, so a pass costs as few list calls as possible. */
export const EVALYO_DISCOVERY_PAGE_SIZE = EVALYO_MAX_PAGE_SIZE;

/**
 * Discovery's alone: the identity index keys interviews by email, so every discovery page needs
 * its candidates' profiles, and kept a few minutes, a person costs one call per window instead of
 * one per page. Per adapter, so per tenant and credential. Reads never use it: their lookups go
 * through the gateway's cache (`getCandidates`), which a cold read does not have.
 */
class CandidateProfiles {
  private readonly cache = new LRUCache<string, { profile: RawEvalyoCandidate | null }>({
    maxSize: CANDIDATE_CACHE_BYTES,
    sizeCalculation: (entry, id) => id.length + JSON.stringify(entry.profile ?? null).length,
    ttl: CANDIDATE_CACHE_TTL_MS,
  });

  constructor(private readonly client: EvalyoClient) {}

  /** The profile of candidate `id`; null when Evalyo has none (404). */
  async get(id: string): Promise<RawEvalyoCandidate | null> {
    const known = this.cache.get(id);
    if (known) return known.profile;
    const profile = await this.client.getCandidate(id);
    this.cache.set(id, { profile });
    return profile;
  }
}

/**
 * A 404 (deleted candidate) is a null profile. Rejects only once every lookup has settled:
 * stragglers would spend the key's rate budget after the caller has moved on.
 */
async function candidatesOf(
  profiles: CandidateProfiles,
  interviews: ReadonlyArray<{ candidateId?: string | null }>,
): Promise<Map<string, RawEvalyoCandidate | null>> {
  const ids = distinctCandidateIds(interviews);
  const settled = await Promise.allSettled(ids.map((id) => profiles.get(id)));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return new Map(ids.map((id, i) => [id, (settled[i] as PromiseFulfilledResult<RawEvalyoCandidate | null>).value]));
}

async function detailsOf(client: EvalyoClient, locators: readonly string[]): Promise<Map<string, WithRaw<RawEvalyoInterviewDetail> | null | Error>> {
  return fetchEach(locators.filter(isEvalyoId), (id) => client.getInterview(id));
}

async function reportsFromDetails(client: EvalyoClient, locators: readonly string[]): Promise<BatchResult<Report>> {
  const details = await detailsOf(client, locators);
  return { results: answerEach(locators, details, (detail) => normalizeEvalyoReport(detail.parsed, detail.raw)) };
}

/* ============================================================================ offset paging */

/** Without a total a full page may or may not be the last: it is treated as not the last. */
export function isLastPage(body: EvalyoPage<unknown>, page: number, size: number): boolean {
  const total = body.pagination?.total;
  return body.data.length < size || (typeof total === 'number' && page * size >= total);
}

/** `1:4` = 5th item of the second list, when a filter reads several vendor lists in turn. */
export function encodeEvalyoCursor(list: number, offset: number): string {
  return list === 0 ? FIRST_LIST_CURSOR.encode({ offset }) : LATER_LIST_CURSOR.encode({ list, offset });
}

/** Where a page starts after `cursor`: list index and the offset of its first item. BAD_USER_INPUT for cursors this adapter did not issue. */
export function decodeEvalyoCursor(cursor: string | null | undefined, lists: number): { list: number; start: number } {
  if (cursor === null || cursor === undefined) return { list: 0, start: 0 };
  const { list, offset } = cursor.includes(':') ? LATER_LIST_CURSOR.decode(cursor) : { list: 0, ...FIRST_LIST_CURSOR.decode(cursor) };
  if (list >= lists) throw new BadUserInputError(INVALID_CURSOR);
  return { list, start: offset + 1 };
}

const INVALID_CURSOR = 'Invalid EVALYO cursor: expected a cursor returned by a previous page.';
const FIRST_LIST_CURSOR = edgeCursor({ invalid: INVALID_CURSOR }, { offset: offsetPart() });
/** The index of a list after the first: one digit (a filter reads a handful of vendor lists). */
const LIST_INDEX: CursorPart<number> = { write: String, read: (text) => (/^[1-9]$/.test(text) ? Number(text) : null) };
const LATER_LIST_CURSOR = edgeCursor({ invalid: INVALID_CURSOR }, { list: LIST_INDEX, offset: offsetPart() });

/** A page that fills exactly as a list ends says hasNextPage when another list follows (knowing would cost a call). */
async function collectPage<T>(
  fetchPage: (list: number, page: number, pageSize: number) => Promise<EvalyoPage<T>>,
  lists: number,
  first: number,
  after: string | null,
): Promise<{ items: Array<{ item: T; cursor: string }>; hasNextPage: boolean }> {
  const position = decodeEvalyoCursor(after, lists);
  const items: Array<{ item: T; cursor: string }> = [];
  for (let list = position.list, start = position.start; list < lists; list += 1, start = 0) {
    const need = first - items.length;
    const current = list;
    const window = await readWindow(
      async (page, size) => {
        const body = await fetchPage(current, page, size);
        return { items: body.data, last: isLastPage(body, page, size) };
      },
      start,
      planWindow(start, need, EVALYO_MAX_PAGE_SIZE),
    );
    const taken = window.items.slice(0, need);
    items.push(...taken.map(({ item, offset }) => ({ item, cursor: encodeEvalyoCursor(current, offset) })));
    if (items.length === first) {
      const moreHere = window.items.length > taken.length || !window.exhausted;
      return { items, hasNextPage: moreHere || list < lists - 1 };
    }
  }
  return { items, hasNextPage: false };
}

/* ============================================================================ discovery */

/** `<page>` or `<page>@<newest createdAt seen so far, ISO>`. */
export function encodeDiscoveryResume(page: number, newest: number | null): string {
  return newest === null ? String(page) : `${page}@${new Date(newest).toISOString()}`;
}

/** Page 1 with nothing seen for null; BAD_USER_INPUT for a token this adapter did not issue. */
export function decodeDiscoveryResume(resume: string | null | undefined): { page: number; newest: number | null } {
  if (resume === null || resume === undefined) return { page: 1, newest: null };
  const match = /^(\d{1,6})(?:@(.+))?$/.exec(resume);
  const newest = match?.[2] === undefined ? null : parseInstant(match[2]);
  if (!match || Number(match[1]) < 1 || (match[2] !== undefined && newest === null)) {
    throw new BadUserInputError('Invalid EVALYO discovery resume token.');
  }
  return { page: Number(match[1]), newest };
}

/** True when every pair of dated neighbours is in non-increasing `createdAt` order. */
function isNewestFirst(items: readonly RawEvalyoInterview[]): boolean {
  let previous = Infinity;
  for (const item of items) {
    const at = parseInstant(item.createdAt);
    if (at === null) continue;
    if (at > previous) return false;
    previous = at;
  }
  return true;
}

/* ============================================================================ helpers */

function parseInstant(value: string | null | undefined): number | null {
  const iso = fromZonedString(value);
  return iso === null ? null : Date.parse(iso);
}

function distinctCandidateIds(interviews: ReadonlyArray<{ candidateId?: string | null }>): string[] {
  return [...new Set(interviews.map((i) => i.candidateId).filter((id): id is string => typeof id === 'string' && id.length > 0))];
}

function candidateFor(candidates: ReadonlyMap<string, RawEvalyoCandidate | null>, interview: { candidateId?: string | null }): RawEvalyoCandidate | null {
  return interview.candidateId ? (candidates.get(interview.candidateId) ?? null) : null;
}

/** Only a COMPLETED interview has a report, so saying so up front spares a detail call per other interview. */
function knownAbsentReports(interviews: readonly Interview[]): NonNullable<Related['reports']> {
  return interviews.filter((i) => i.status !== InterviewStatus.COMPLETED).map((i) => ({ interviewLocator: i.locator, report: null }));
}

type OnceLogger = ReturnType<typeof onceLogger>;

/** Logs each warning key once per adapter (a per-page warning would flood the log). */
function onceLogger(logger: Logger) {
  const seen = new Set<string>();
  return {
    warn(key: string, message: string) {
      if (seen.has(key)) return;
      seen.add(key);
      logger.warn({ provider: evalyoDescriptor.provider }, message);
    },
  };
}
