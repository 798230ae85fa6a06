/**
 * micro1 has no single-object GET and its lists page by `page`/`limit` with no total (a short page
 * ends a list). A session's status is derived from whether a report exists, so every read that
 * returns sessions also fetches their reports and hands them back in `related.reports`, so the
 * loaders never fetch them again. Cursors are offsets into the vendor's unfiltered list.
 */
import type { Interview, InterviewTemplate, Report } from '../../domain/model';
import { fromNaiveUtc } from '../../domain/time';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { asSlotError } from '../kit/batch';
import { planContinuation, planWindow, readWindow, shortPageIsLast } from '../kit/offset-paging';
import { edgeCursor, offsetPart } from '../kit/paging';
import { bindRole, type VendorReads } from '../vendor-roles';
import type { DriftSink } from '../kit/schema-drift';
import type { BatchResult, DiscoveryArgs, DiscoveryPage, Edge, IdentityRef, InterviewListArgs, ListArgs, ListResult, Related } from '../vendor-adapter';
import { MICRO1_MAX_LIMIT, MICRO1_MAX_PAGES, type Micro1Client, endlessListError } from './micro1.client';
import { groupByTemplate, groupSessions, isTemplateLocator, type Micro1SessionKey, parseReportLocator, sessionLocator } from './micro1.ids';
import { DERIVABLE_STATUSES, deriveInterviewStatus, normalizeInvite, normalizeReport, normalizeTemplate, pickLatestBy } from './micro1.normalize';
import type { Micro1Invite, Micro1ListedReport } from './micro1.raw';

/**
 * A report as listed: ids and dates (`head`) are enough to index a page and pick each session's
 * latest; `parsed` (the full parse) is read only for the reports a read serves.
 */
type RawReport = Micro1ListedReport;
type RelatedReport = NonNullable<Related['reports']>[number];

interface Micro1Reading {
  client: Micro1Client;
  drift: DriftSink;
}

export function micro1Reads(client: Micro1Client, drift: DriftSink): VendorReads {
  return bindRole<VendorReads, Micro1Reading>(
    { client, drift },
    { listTemplates, getTemplates, listInterviews, getInterviews, getReportsForInterviews, getReports, discoverInterviews },
  );
}

async function listTemplates({ client, drift }: Micro1Reading, args: ListArgs): Promise<ListResult<InterviewTemplate>> {
  const first = clampFirst(args.first);
  const offset = offsetAfter(args.after);
  const window = await readWindow(
    async (page, limit) => shortPageIsLast(await client.listInterviews(page, limit), limit),
    offset,
    planWindow(offset, first, MICRO1_MAX_LIMIT),
  );
  const taken = window.items.slice(0, first);
  return {
    edges: taken.map(({ item, offset: at }) => ({ node: normalizeTemplate(item.parsed, item.raw, drift), cursor: OFFSET_CURSOR.encode({ offset: at }) })),
    hasNextPage: window.items.length > first || !window.exhausted,
  };
}

async function getTemplates({ client, drift }: Micro1Reading, locators: readonly string[]): Promise<BatchResult<InterviewTemplate>> {
  const wanted = new Set(locators.filter(isTemplateLocator));
  const found = new Map<string, InterviewTemplate>();
  if (wanted.size === 0) return { results: locators.map(() => null) };
  try {
    // No GET by id: page the whole list (100 at a time) until every id is seen or it ends.
    for (let page = 1; ; page += 1) {
      if (page > MICRO1_MAX_PAGES) throw endlessListError('GET /interviews');
      const items = await client.listInterviews(page, MICRO1_MAX_LIMIT);
      for (const { parsed, raw } of items) {
        if (wanted.has(parsed.interview_id) && !found.has(parsed.interview_id)) {
          found.set(parsed.interview_id, normalizeTemplate(parsed, raw, drift));
        }
      }
      if (found.size === wanted.size || items.length < MICRO1_MAX_LIMIT) break;
    }
  } catch (error) {
    return { results: locators.map((l) => (wanted.has(l) ? asSlotError(error) : null)) };
  }
  return { results: locators.map((l) => found.get(l) ?? null) };
}

async function listInterviews({ client, drift }: Micro1Reading, args: InterviewListArgs): Promise<ListResult<Interview>> {
  const first = clampFirst(args.first);
  const offset = offsetAfter(args.after);
  const status = args.status ?? null;
  // The REST lists only ever yield INVITED or COMPLETED; any other filter matches nothing,
  // and paging the whole list to prove it would be a waste of the vendor's budget.
  if (status !== null && !DERIVABLE_STATUSES.includes(status)) return { edges: [], hasNextPage: false, related: { reports: [] } };

  const interviewId = args.templateLocator ?? null;
  const fetchPage = async (page: number, limit: number) => shortPageIsLast(await client.listInvites({ page, limit, interviewId }), limit);
  const reports = new ReportFetcher(client, status !== null);
  const edges: Array<Edge<Interview>> = [];
  const related: RelatedReport[] = [];
  let from = offset;
  let plan = planWindow(offset, first, MICRO1_MAX_LIMIT);

  for (let windows = 0; ; windows += 1) {
    if (windows >= MICRO1_MAX_PAGES) throw endlessListError('GET /interview/invites');
    const window = await readWindow(fetchPage, from, plan);
    // Without a filter only the page's `first` items need a status; with one, the whole window
    // is examined (its extra items cost no extra invite call).
    const examined = status === null ? window.items.slice(0, first) : window.items;
    const latest = await reports.latestFor(examined.map(({ item }) => sessionOf(item.parsed)));
    // A session's status needs only whether it has a report; the rest is built for the edges kept.
    const derived = examined.map(({ item, offset: at }) => {
      const report = latest.get(keyOf(sessionOf(item.parsed))) ?? null;
      return { at, item, report, status: deriveInterviewStatus(report) };
    });

    let lastIndex = -1;
    for (let i = 0; i < derived.length && edges.length < first; i += 1) {
      const { item, at, report } = derived[i];
      lastIndex = i;
      if (status !== null && derived[i].status !== status) continue;
      const node = normalizeInvite(item.parsed, { report: report?.parsed ?? null, raw: item.raw }, drift);
      edges.push({ node, cursor: OFFSET_CURSOR.encode({ offset: at }) });
      related.push({ interviewLocator: node.locator, report: report ? normalizeReport(report.parsed, report.raw, drift) : null });
    }

    if (edges.length >= first) {
      const rest = derived.slice(lastIndex + 1);
      const moreHere = rest.some((d) => status === null || d.status === status);
      const moreUnseen = window.items.length > examined.length || !window.exhausted;
      return { edges, hasNextPage: moreHere || moreUnseen, related: { reports: related } };
    }
    if (window.exhausted || window.items.length === 0) {
      return { edges, hasNextPage: false, related: { reports: related } };
    }
    // Filtering: keep scanning, one call per window, with the page that reaches furthest.
    from = window.items[window.items.length - 1].offset + 1;
    plan = [planContinuation(from, first, MICRO1_MAX_LIMIT)];
  }
}

async function getInterviews({ client, drift }: Micro1Reading, locators: readonly string[]): Promise<BatchResult<Interview>> {
  const groups = groupSessions(locators);
  const found = new Map<string, Interview | Error>();
  const related: RelatedReport[] = [];

  await Promise.all(
    [...groups].map(async ([interviewId, candidateIds]) => {
      const lone = candidateIds.size === 1 ? [...candidateIds][0] : null;
      try {
        const [invites, byCandidate] = await Promise.all([
          client.listAllInvites({ interviewId, candidateId: lone }),
          fetchTemplateReports(client, interviewId, candidateIds),
        ]);
        for (const candidateId of candidateIds) {
          const invite = invites.find((i) => i.parsed.interview_id === interviewId && i.parsed.candidate_id === candidateId);
          if (!invite) continue;
          const report = latestOf(byCandidate.get(candidateId) ?? []);
          const node = normalizeInvite(invite.parsed, { report: report?.parsed ?? null, raw: invite.raw }, drift);
          found.set(node.locator, node);
          related.push({ interviewLocator: node.locator, report: report ? normalizeReport(report.parsed, report.raw, drift) : null });
        }
      } catch (error) {
        for (const candidateId of candidateIds) found.set(sessionLocator(interviewId, candidateId), asSlotError(error));
      }
    }),
  );
  return { results: locators.map((l) => found.get(l) ?? null), related: { reports: related } };
}

async function getReportsForInterviews({ client, drift }: Micro1Reading, interviewLocators: readonly string[]): Promise<BatchResult<Report>> {
  const groups = groupSessions(interviewLocators);
  const found = new Map<string, Report | null | Error>();

  await Promise.all(
    [...groups].map(async ([interviewId, candidateIds]) => {
      try {
        const byCandidate = await fetchTemplateReports(client, interviewId, candidateIds);
        for (const candidateId of candidateIds) {
          const latest = latestOf(byCandidate.get(candidateId) ?? []);
          found.set(sessionLocator(interviewId, candidateId), latest ? normalizeReport(latest.parsed, latest.raw, drift) : null);
        }
      } catch (error) {
        for (const candidateId of candidateIds) found.set(sessionLocator(interviewId, candidateId), asSlotError(error));
      }
    }),
  );
  return { results: interviewLocators.map((l) => found.get(l) ?? null) };
}

async function getReports({ client, drift }: Micro1Reading, reportLocators: readonly string[]): Promise<BatchResult<Report>> {
  // Group by session: micro1 filters reports by interview and candidate, not by report id.
  const sessions = new Map<string, Micro1SessionKey>();
  for (const locator of reportLocators) {
    const key = parseReportLocator(locator);
    if (key) sessions.set(sessionLocator(key.interviewId, key.candidateId), key);
  }
  const bySession = new Map<string, RawReport[] | Error>();
  const related: RelatedReport[] = [];
  // A report asked for is often its session's latest too: built (and its drift told) once.
  const normalized = new Map<RawReport, Report>();
  const normalizeOnce = (report: RawReport): Report => {
    let done = normalized.get(report);
    if (!done) {
      done = normalizeReport(report.parsed, report.raw, drift);
      normalized.set(report, done);
    }
    return done;
  };

  await Promise.all(
    [...sessions].map(async ([locator, { interviewId, candidateId }]) => {
      try {
        const all = await client.listAllReports({ interviewId, candidateId });
        const mine = all.filter((r) => r.head.interview_id === interviewId && r.head.candidate_id === candidateId);
        bySession.set(locator, mine);
        // Every report of the session was fetched, so its latest one is known too.
        const latest = latestOf(mine);
        related.push({ interviewLocator: locator, report: latest ? normalizeOnce(latest) : null });
      } catch (error) {
        bySession.set(locator, asSlotError(error));
      }
    }),
  );

  const results = reportLocators.map((locator): Report | null | Error => {
    const key = parseReportLocator(locator);
    if (!key) return null;
    const reports = bySession.get(sessionLocator(key.interviewId, key.candidateId));
    if (reports === undefined) return null;
    if (reports instanceof Error) return reports;
    const match = reports.find((r) => r.head.report_id === key.reportId);
    return match ? normalizeOnce(match) : null;
  });
  return { results, related: { reports: related } };
}

/**
 * A pass stops at the first invite created before the previous pass's newest `date_created`;
 * invites from that same second are seen again, which the index absorbs.
 */
async function discoverInterviews({ client, drift }: Micro1Reading, { checkpoint, resume }: DiscoveryArgs): Promise<DiscoveryPage> {
  const [pageText, newestSoFar] = resume ? resume.split('|') : ['1', ''];
  const page = Number(pageText);
  if (!Number.isInteger(page) || page < 1) throw new BadUserInputError('Invalid micro1 discovery resume token.');
  const invites = await client.listInvites({ page, limit: MICRO1_MAX_LIMIT });
  let newest = newestSoFar || null;
  const refs: IdentityRef[] = [];
  let reachedCheckpoint = false;
  const fresh: typeof invites = [];
  for (const invite of invites) {
    const { parsed } = invite;
    const createdAt = fromNaiveUtc(parsed.date_created);
    if (checkpoint && createdAt && createdAt < checkpoint) {
      reachedCheckpoint = true;
      break;
    }
    if (createdAt && (newest === null || createdAt > newest)) newest = createdAt;
    fresh.push(invite);
    refs.push({
      locator: sessionLocator(parsed.interview_id, parsed.candidate_id),
      email: parsed.candidate_email_id ?? null,
      name: parsed.candidate_name ?? null,
      candidateProviderId: parsed.candidate_id,
      createdAt,
    });
  }
  // Invites carry no status: without their reports discovered sessions would lack status,
  // completion time and score.
  const latest = await new ReportFetcher(client).latestFor(fresh.map(({ parsed }) => sessionOf(parsed)));
  const related: Related = { interviews: [], reports: [] };
  for (const { parsed, raw } of fresh) {
    const report = latest.get(keyOf(sessionOf(parsed))) ?? null;
    const node = normalizeInvite(parsed, { report: report?.parsed ?? null, raw }, drift);
    related.interviews?.push(node);
    related.reports?.push({ interviewLocator: node.locator, report: report ? normalizeReport(report.parsed, report.raw, drift) : null });
  }
  const done = reachedCheckpoint || invites.length < MICRO1_MAX_LIMIT;
  return done ? { refs, resume: null, checkpoint: newest ?? checkpoint, related } : { refs, resume: `${page + 1}|${newest ?? ''}`, checkpoint: null, related };
}

/**
 * A lone session costs one filtered call; several cost the template's report list, fewer calls
 * than one per session. Only the reports of `keep` (default: the sessions asked for; null: every
 * session, for a scan that will read more of the template) are kept: the rest of the page (most
 * of its bytes) is garbage as soon as it is indexed, not held while the other templates' lists
 * arrive and the page is built.
 */
async function fetchTemplateReports(
  client: Micro1Client,
  interviewId: string,
  candidateIds: ReadonlySet<string>,
  keep: ReadonlySet<string> | null = candidateIds,
): Promise<Map<string, RawReport[]>> {
  const lone = candidateIds.size === 1 ? [...candidateIds][0] : null;
  const reports = await client.listAllReports({ interviewId, candidateId: lone });
  return indexByCandidate(reports, interviewId, keep);
}

function indexByCandidate(reports: readonly RawReport[], interviewId: string, keep: ReadonlySet<string> | null): Map<string, RawReport[]> {
  const byCandidate = new Map<string, RawReport[]>();
  for (const report of reports) {
    const { interview_id, candidate_id } = report.head;
    if (interview_id !== interviewId || (keep !== null && !keep.has(candidate_id))) continue;
    const list = byCandidate.get(candidate_id);
    if (list) list.push(report);
    else byCandidate.set(candidate_id, [report]);
  }
  return byCandidate;
}

/**
 * Latest reports of sessions, a template's list at a time. With `scanning` (a filtered list that
 * may read further windows), a template whose whole report list was fetched is kept for the later
 * windows of the same call; otherwise only the sessions asked for are kept.
 */
class ReportFetcher {
  private readonly wholeTemplates = new Map<string, Promise<Map<string, RawReport[]>>>();

  constructor(
    private readonly client: Micro1Client,
    private readonly scanning = false,
  ) {}

  async latestFor(sessions: readonly Micro1SessionKey[]): Promise<Map<string, RawReport | null>> {
    const groups = groupByTemplate(sessions);
    const latest = new Map<string, RawReport | null>();
    await Promise.all(
      [...groups].map(async ([interviewId, candidateIds]) => {
        let byCandidate = this.wholeTemplates.get(interviewId);
        if (!byCandidate) {
          const whole = this.scanning && candidateIds.size > 1;
          byCandidate = fetchTemplateReports(this.client, interviewId, candidateIds, whole ? null : candidateIds);
          if (whole) this.wholeTemplates.set(interviewId, byCandidate);
        }
        const index = await byCandidate;
        for (const candidateId of candidateIds) {
          latest.set(keyOf({ interviewId, candidateId }), latestOf(index.get(candidateId) ?? []));
        }
      }),
    );
    return latest;
  }
}

/** `first` as micro1 can serve it: an integer in 1–100. */
function clampFirst(first: number): number {
  if (!Number.isFinite(first)) return MICRO1_MAX_LIMIT;
  return Math.min(MICRO1_MAX_LIMIT, Math.max(1, Math.floor(first)));
}

/** Edge cursors: the item's offset in the vendor's (unfiltered) list. */
const OFFSET_CURSOR = edgeCursor({ invalid: 'Invalid cursor for micro1 lists.' }, { offset: offsetPart() });

function offsetAfter(after: string | null): number {
  if (after === null || after === undefined) return 0;
  return OFFSET_CURSOR.decode(after).offset + 1;
}

function sessionOf(invite: Micro1Invite): Micro1SessionKey {
  return { interviewId: invite.interview_id, candidateId: invite.candidate_id };
}

function keyOf(session: Micro1SessionKey): string {
  return sessionLocator(session.interviewId, session.candidateId);
}

function latestOf(reports: readonly RawReport[]): RawReport | null {
  return pickLatestBy(reports, (r) => r.head);
}
