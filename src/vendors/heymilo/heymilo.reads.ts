/**
 * HeyMilo has no batch endpoints, so one call per distinct object is the floor: `/data` yields the
 * Interview and its Report together, and HeyMilo has no global interview list, so listing without
 * a template walks postings (lazily, only when the current one runs out) and their candidates.
 */
import { type Interview, InterviewStatus, type InterviewTemplate, type Report } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { ErrorCode } from '../../errors/error-code';
import { VendorError } from '../../errors/vendor.error';
import { answerEach, fetchEach } from '../kit/batch';
import { identityRefOf } from '../kit/identity-ref';
import { edgeCursor, idPart, pageSize } from '../kit/paging';
import { bindRole, type VendorReads } from '../vendor-roles';
import type { WithRaw } from '../kit/schema-drift';
import type { BatchResult, DiscoveryArgs, DiscoveryPage, Edge, IdentityRef, InterviewListArgs, ListArgs, ListResult, Related } from '../vendor-adapter';
import { HEYMILO_MAX_LIMIT, type HeymiloClient } from './heymilo.client';
import { isHeymiloId } from './heymilo.ids';
import { normalizeHeymiloCandidate, normalizeHeymiloInterviewData, normalizeHeymiloPosting, normalizeHeymiloReport } from './heymilo.normalize';
import type { RawHeymiloInterviewData } from './heymilo.raw';

export function heymiloReads(client: HeymiloClient): VendorReads {
  return bindRole<VendorReads, HeymiloClient>(client, {
    listTemplates,
    getTemplates,
    listInterviews,
    getInterviews,
    // A HeyMilo report is the interview's /data object: report locator = interview id.
    getReportsForInterviews: reportsFromData,
    getReports: reportsFromData,
    discoverInterviews,
  });
}

const heymiloIdPart = idPart((text) => (isHeymiloId(text) ? text : null));

/** HeyMilo ids never contain `/`, so `<posting_id>/<interview_id>` is unambiguous. */
const INTERVIEW_CURSOR = edgeCursor(
  { separator: '/', invalid: 'Invalid HEYMILO interview cursor: expected a cursor returned by a previous page.' },
  { postingId: heymiloIdPart, interviewId: heymiloIdPart },
);

/** Template list edge cursor: the posting id, which is HeyMilo's own `starting_after`. */
const TEMPLATE_CURSOR = edgeCursor(
  { separator: '/', invalid: 'Invalid HEYMILO template cursor: expected a cursor returned by a previous page.' },
  { postingId: heymiloIdPart },
);

/** Outcome of scanning one posting's candidates: `more` is exact for 'yes'/'no', conservative for 'maybe'. */
interface PostingScan {
  /** Edges whose cursor names the posting scanned (not whatever the row claims). */
  edges: Edge<Interview>[];
  /** Whether this posting holds further matching interviews after the last one returned. */
  more: 'yes' | 'no' | 'maybe';
  /** The posting answered 404. */
  missing: boolean;
}

/** Postings in the vendor's order; edge cursor = posting id (HeyMilo's own `starting_after`). */
async function listTemplates(client: HeymiloClient, args: ListArgs): Promise<ListResult<InterviewTemplate>> {
  const first = pageSize(args.first, HEYMILO_MAX_LIMIT);
  const startingAfter = args.after === null || args.after === undefined ? null : TEMPLATE_CURSOR.decode(args.after).postingId;
  const page = await client.listPostings({ limit: first, startingAfter }).catch(rethrowStaleCursor(args.after));
  return {
    edges: page.data.map((p) => ({ node: normalizeHeymiloPosting(p.parsed, p.raw), cursor: TEMPLATE_CURSOR.encode({ postingId: p.parsed.id }) })),
    hasNextPage: page.pagination.has_more,
  };
}

async function getTemplates(client: HeymiloClient, locators: readonly string[]): Promise<BatchResult<InterviewTemplate>> {
  const postings = await fetchEach(locators.filter(isHeymiloId), (id) => client.getPosting(id));
  return { results: answerEach(locators, postings, (posting) => normalizeHeymiloPosting(posting.parsed, posting.raw)) };
}

async function listInterviews(client: HeymiloClient, args: InterviewListArgs): Promise<ListResult<Interview>> {
  return collectInterviews(client, args).catch(rethrowStaleCursor(args.after));
}

async function collectInterviews(client: HeymiloClient, args: InterviewListArgs): Promise<ListResult<Interview>> {
  const first = pageSize(args.first, HEYMILO_MAX_LIMIT);
  const status = args.status ?? null;
  const after = args.after ? INTERVIEW_CURSOR.decode(args.after) : null;

  if (args.templateLocator !== null && args.templateLocator !== undefined) {
    const postingId = args.templateLocator;
    if (!isHeymiloId(postingId)) return { edges: [], hasNextPage: false };
    if (after && after.postingId !== postingId) {
      throw new BadUserInputError('The HEYMILO interview cursor belongs to another template than the one requested.');
    }
    const scan = await scanPosting(client, postingId, after?.interviewId ?? null, first, status);
    return { edges: scan.edges, hasNextPage: scan.more !== 'no', related: { reports: knownAbsentReports(scan.edges.map((e) => e.node)) } };
  }

  // Walk: the cursor's posting first (after its interview), then the postings after it.
  const edges: Edge<Interview>[] = [];
  const templates: InterviewTemplate[] = [];
  let current: string | null = after?.postingId ?? null;
  let interviewAfter: string | null = after?.interviewId ?? null;
  let currentMore: PostingScan['more'] = 'no';
  let postingsCursor: string | null = after?.postingId ?? null;
  let postingsMore = true; // not known until the postings list has been read
  let queue: string[] = [];

  while (edges.length < first) {
    if (current === null) {
      if (queue.length === 0) {
        if (!postingsMore) break;
        const page = await client.listPostings({ limit: HEYMILO_MAX_LIMIT, startingAfter: postingsCursor });
        templates.push(...page.data.map((p) => normalizeHeymiloPosting(p.parsed, p.raw)));
        queue = page.data.map((p) => p.parsed.id);
        postingsMore = page.pagination.has_more && page.data.length > 0;
        if (page.data.length > 0) postingsCursor = page.data[page.data.length - 1].parsed.id;
        if (queue.length === 0) break;
      }
      current = queue.shift() ?? null;
      interviewAfter = null;
      if (current === null) break;
    }
    const scan = await scanPosting(client, current, interviewAfter, first - edges.length, status);
    if (scan.missing && after && current === after.postingId && interviewAfter === after.interviewId) {
      throw new BadUserInputError('The HEYMILO interview cursor points at a template that no longer exists.');
    }
    edges.push(...scan.edges);
    currentMore = scan.more;
    if (scan.more === 'no') current = null;
    else break; // page is full and this posting has (or may have) more
  }

  let hasNextPage: boolean;
  if (edges.length < first)
    hasNextPage = false; // ran out everywhere
  else if (current !== null) hasNextPage = currentMore !== 'no';
  // Filled exactly as the current posting ran out: later postings may or may not hold matches
  // (conservative: knowing would cost more calls).
  else hasNextPage = queue.length > 0 || postingsMore;

  return { edges, hasNextPage, related: { templates, reports: knownAbsentReports(edges.map((e) => e.node)) } };
}

/**
 * With a filter it asks for full pages, since it cannot know how many rows will match. Each edge
 * cursor is its own id, so rows scanned but not returned are scanned again by the next page.
 */
async function scanPosting(
  client: HeymiloClient,
  postingId: string,
  afterInterviewId: string | null,
  need: number,
  status: InterviewStatus | null,
): Promise<PostingScan> {
  const matches = (interview: Interview) => status === null || interview.status === status;
  const interviews: Interview[] = [];
  const done = (more: PostingScan['more'], missing = false): PostingScan => ({
    edges: interviews.map((node) => ({ node, cursor: INTERVIEW_CURSOR.encode({ postingId, interviewId: node.locator }) })),
    more,
    missing,
  });
  let cursor = afterInterviewId;
  for (;;) {
    const limit = status === null ? Math.min(HEYMILO_MAX_LIMIT, need - interviews.length) : HEYMILO_MAX_LIMIT;
    const page = await client.listCandidates(postingId, { limit, startingAfter: cursor });
    if (page === null) return done('no', true);
    const rows = page.data.map((row) => normalizeHeymiloCandidate(row.parsed, row.raw));
    const hasMore = page.pagination.has_more && rows.length > 0;
    for (let i = 0; i < rows.length; i += 1) {
      if (interviews.length === need) {
        // Page filled mid-page: the unread rest of this page answers exactly when it holds a match.
        if (rows.slice(i).some(matches)) return done('yes');
        return done(hasMore ? 'maybe' : 'no');
      }
      if (matches(rows[i])) interviews.push(rows[i]);
      cursor = rows[i].locator;
    }
    if (!hasMore) return done('no');
    if (interviews.length === need) return done(status === null ? 'yes' : 'maybe');
  }
}

async function getInterviews(client: HeymiloClient, locators: readonly string[]): Promise<BatchResult<Interview>> {
  const byId = await fetchData(client, locators);
  const reports: NonNullable<Related['reports']> = [];
  const interviewsById = new Map<string, Interview>();
  for (const [id, data] of byId) {
    if (!data || data instanceof Error) continue;
    interviewsById.set(id, normalizeHeymiloInterviewData(data.parsed, data.raw));
    reports.push({ interviewLocator: id, report: normalizeHeymiloReport(data.parsed, data.raw) });
  }
  return {
    results: locators.map((locator) => {
      if (!isHeymiloId(locator)) return null;
      const data = byId.get(locator);
      if (data instanceof Error) return data;
      return interviewsById.get(locator) ?? null;
    }),
    related: reports.length > 0 ? { reports } : undefined,
  };
}

async function fetchData(client: HeymiloClient, locators: readonly string[]): Promise<Map<string, WithRaw<RawHeymiloInterviewData> | null | Error>> {
  return fetchEach(locators.filter(isHeymiloId), (id) => client.getInterviewData(id));
}

/**
 * The Interview in the same payload is NOT returned as `related`: `/data` lacks `interview_url`,
 * `created_at` and `interviewed_at`, so it would overwrite the richer list row the caller likely has.
 */
async function reportsFromData(client: HeymiloClient, locators: readonly string[]): Promise<BatchResult<Report>> {
  const byId = await fetchData(client, locators);
  return { results: answerEach(locators, byId, (data) => normalizeHeymiloReport(data.parsed, data.raw)) };
}

/**
 * `created_after` is inclusive: the boundary second is seen again, which the index absorbs. The
 * postings are listed once per pass and carried in the resume token.
 */
async function discoverInterviews(client: HeymiloClient, { checkpoint, resume }: DiscoveryArgs): Promise<DiscoveryPage> {
  let state: { postings: string[]; index: number; after: string | null; newest: number | null };
  if (resume) {
    state = JSON.parse(resume) as typeof state;
  } else {
    const postings: string[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await client.listPostings({ limit: HEYMILO_MAX_LIMIT, startingAfter: cursor });
      postings.push(...page.data.map((p) => p.parsed.id));
      if (!page.pagination.has_more || page.data.length === 0) break;
      cursor = page.data[page.data.length - 1].parsed.id;
    }
    state = { postings, index: 0, after: null, newest: null };
  }
  const postingId = state.postings[state.index];
  if (postingId === undefined) return { refs: [], resume: null, checkpoint: state.newest !== null ? String(state.newest) : checkpoint };
  const page = await client.listCandidates(postingId, { limit: HEYMILO_MAX_LIMIT, startingAfter: state.after, createdAfter: checkpoint });
  const rows = (page?.data ?? []).map((row) => row.parsed);
  const interviews = (page?.data ?? []).map((row) => normalizeHeymiloCandidate(row.parsed, row.raw));
  for (const row of rows) {
    if (typeof row.created_at === 'number' && (state.newest === null || row.created_at > state.newest)) state.newest = row.created_at;
  }
  const more = page?.pagination.has_more && rows.length > 0;
  const next = more ? { ...state, after: rows[rows.length - 1].interview_id } : { ...state, index: state.index + 1, after: null };
  const refs: IdentityRef[] = interviews.map(identityRefOf);
  const related = { interviews, reports: knownAbsentReports(interviews) };
  if (next.index >= next.postings.length) {
    return { refs, resume: null, checkpoint: next.newest !== null ? String(next.newest) : checkpoint, related };
  }
  return { refs, resume: JSON.stringify(next), checkpoint: null, related };
}

/** `/data` would answer `not_ready`: saying so up front spares one call per such interview. */
const NO_REPORT_YET: ReadonlySet<InterviewStatus> = new Set([InterviewStatus.INVITED, InterviewStatus.IN_PROGRESS, InterviewStatus.PROCESSING]);

function knownAbsentReports(interviews: readonly Interview[]): NonNullable<Related['reports']> {
  return interviews.filter((i) => NO_REPORT_YET.has(i.status)).map((i) => ({ interviewLocator: i.locator, report: null }));
}

/** HeyMilo answers 400 to a `starting_after` whose item has gone: the caller's stale cursor, not vendor drift. */
function rethrowStaleCursor(after: string | null): (error: unknown) => never {
  return (error: unknown) => {
    const status = error instanceof VendorError ? (error.detail as { status?: unknown } | undefined)?.status : undefined;
    if (after !== null && error instanceof VendorError && error.code === ErrorCode.VENDOR_BAD_RESPONSE && status === 400) {
      throw new BadUserInputError('The HEYMILO cursor no longer matches anything at the vendor; restart from the first page.');
    }
    throw error;
  };
}
