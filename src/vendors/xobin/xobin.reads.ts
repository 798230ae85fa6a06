/**
 * Xobin has no endpoint listing AI interviews, so the gateway serves the configured ones
 * (`XOBIN_AI_INTERVIEW_IDS`), and no batch endpoint, so one call per object is the floor.
 * - `GET /ai-interviews/invited/{ai_interview_id}`: a bare array, no pagination, no email or name;
 * - `GET /ai-interviews/report/{response_id}`: names the candidate, so it yields the Interview AND
 *   its Report; list pages read one per row for that reason. A template's name and skills are
 *   only found in a report.
 */
import { z } from 'zod';
import { type Interview, InterviewStatus, type InterviewTemplate, type Report } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { fetchEach } from '../kit/batch';
import { identityRefOf } from '../kit/identity-ref';
import { edgeCursor, idPart, offsetPart, pageSize } from '../kit/paging';
import { bindRole, type VendorReads } from '../vendor-roles';
import type { WithRaw } from '../kit/schema-drift';
import type { BatchResult, DiscoveryArgs, DiscoveryPage, Edge, IdentityRef, InterviewListArgs, ListArgs, ListResult, Related } from '../vendor-adapter';
import type { XobinClient } from './xobin.client';
import { parseXobinId, xobinLocator } from './xobin.ids';
import {
  isCompleted,
  mapXobinStatus,
  normalizeXobinInterview,
  normalizeXobinInvitee,
  normalizeXobinReport,
  normalizeXobinTemplate,
  XOBIN_STATUSES,
} from './xobin.normalize';
import type { RawXobinInvitee, RawXobinReport } from './xobin.raw';

type RelatedReport = NonNullable<Related['reports']>[number];
type ReadReport = WithRaw<RawXobinReport>;
type ReadRow = WithRaw<RawXobinInvitee>;

interface XobinReading {
  client: XobinClient;
  /** The configured AI interviews (`XOBIN_AI_INTERVIEW_IDS`), in configured order. */
  aiInterviewIds: readonly number[];
  configured: ReadonlySet<number>;
}

export function xobinReads(client: XobinClient, aiInterviewIds: readonly number[]): VendorReads {
  return bindRole<VendorReads, XobinReading>(
    { client, aiInterviewIds, configured: new Set(aiInterviewIds) },
    { listTemplates, getTemplates, listInterviews, getInterviews, getReportsForInterviews, getReports, discoverInterviews },
  );
}

/** Largest page the adapter serves (the VendorAdapter contract's `first` range). */
export const XOBIN_MAX_FIRST = 100;

/** An AI interview with more new responses is covered by several pages. */
export const XOBIN_DISCOVERY_BATCH = 50;

/* ============================================================================ cursors and tokens */

/**
 * `<ai_interview_id>:<offset>` into the unfiltered invitee list. Xobin appends new invitees at the
 * end (response ids only grow), so forward paging meets every row once.
 */
export function encodeXobinInterviewCursor(aiInterviewId: number, offset: number): string {
  return INTERVIEW_CURSOR.encode({ aiInterviewId, offset });
}

/** Inverse of encodeXobinInterviewCursor; throws BAD_USER_INPUT for anything it did not produce. */
export function decodeXobinInterviewCursor(cursor: string): { aiInterviewId: number; offset: number } {
  return INTERVIEW_CURSOR.decode(cursor);
}

const INTERVIEW_CURSOR = edgeCursor(
  { invalid: 'Invalid XOBIN interview cursor: expected a cursor returned by a previous page.' },
  { aiInterviewId: idPart(parseXobinId), offset: offsetPart() },
);

/** Template list edge cursor: the position in the configured list (`XOBIN_AI_INTERVIEW_IDS`). */
const TEMPLATE_CURSOR = edgeCursor({ invalid: 'Invalid XOBIN template cursor: expected a cursor returned by a previous page.' }, { position: offsetPart(4) });

/**
 * ASSUMED: response ids are handed out in increasing order (the documented examples grow with
 * time), so "not seen before" = "above the high-water mark".
 */
const highWaterSchema = z.record(z.string().regex(/^[1-9]\d{0,15}$/), z.number().int().nonnegative());
const checkpointSchema = z.object({ v: z.literal(1), hi: highWaterSchema });
const resumeSchema = z.object({ v: z.literal(1), next: z.number().int().positive(), hi: highWaterSchema });
type HighWater = Record<string, number>;

function readToken<S extends z.ZodType>(schema: S, token: string | null): z.infer<S> | null {
  if (token === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(token));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/* ============================================================================ reads */

/** One Xobin does not know (404) is left out. */
async function listTemplates(reading: XobinReading, args: ListArgs): Promise<ListResult<InterviewTemplate>> {
  const { aiInterviewIds } = reading;
  const first = pageSize(args.first, XOBIN_MAX_FIRST);
  const start = args.after === null || args.after === undefined ? 0 : TEMPLATE_CURSOR.decode(args.after).position + 1;
  const page = aiInterviewIds.slice(start, start + first);
  const { byId, related } = await describeTemplates(reading, page);
  const edges: Edge<InterviewTemplate>[] = [];
  for (const [i, id] of page.entries()) {
    const value = byId.get(id);
    if (value instanceof Error) throw value;
    if (value) edges.push({ node: value.template, cursor: TEMPLATE_CURSOR.encode({ position: start + i }) });
  }
  return { edges, hasNextPage: start + first < aiInterviewIds.length, related };
}

/** Configured AI interviews only (others → null, no request); see listTemplates for the cost. */
async function getTemplates(reading: XobinReading, locators: readonly string[]): Promise<BatchResult<InterviewTemplate>> {
  const { configured } = reading;
  const ids = locators.map((l) => {
    const id = parseXobinId(l);
    return id !== null && configured.has(id) ? id : null;
  });
  const { byId, related } = await describeTemplates(
    reading,
    ids.filter((id): id is number => id !== null),
  );
  return {
    results: ids.map((id) => {
      if (id === null) return null;
      const value = byId.get(id);
      if (value instanceof Error) return value;
      return value?.template ?? null;
    }),
    related: related.reports.length > 0 ? related : undefined,
  };
}

/** `status` is matched on the invitee row before any report is read, so filtered-out rows cost nothing. */
async function listInterviews(reading: XobinReading, args: InterviewListArgs): Promise<ListResult<Interview>> {
  const { client, aiInterviewIds, configured } = reading;
  const first = pageSize(args.first, XOBIN_MAX_FIRST);
  const status = args.status ?? null;
  const after = args.after !== null && args.after !== undefined ? decodeXobinInterviewCursor(args.after) : null;

  let walk: readonly number[] = aiInterviewIds;
  if (args.templateLocator !== null && args.templateLocator !== undefined) {
    const id = parseXobinId(args.templateLocator);
    // Only configured AI interviews are the gateway's templates (getTemplates answers null for others).
    if (id === null || !configured.has(id)) return { edges: [], hasNextPage: false };
    walk = [id];
  }
  let start = 0;
  if (after) {
    start = walk.indexOf(after.aiInterviewId);
    if (start < 0) throw new BadUserInputError('The XOBIN interview cursor belongs to another template than the ones listed.');
  }
  // No Xobin word maps to PROCESSING, CANCELLED or EXPIRED: such a filter matches nothing, and
  // reading every list to prove it would waste the vendor's budget.
  if (status !== null && !XOBIN_STATUSES.includes(status)) return { edges: [], hasNextPage: false, related: { reports: [] } };

  const matches = (row: ReadRow) => status === null || mapXobinStatus(row.parsed.invite_status) === status;
  const picked: Array<{ row: ReadRow; aiInterviewId: number; offset: number }> = [];
  let hasNextPage = false;
  walking: for (let t = start; t < walk.length; t += 1) {
    const rows = (await client.listInvited(walk[t])) ?? [];
    for (let offset = t === start && after ? after.offset + 1 : 0; offset < rows.length; offset += 1) {
      if (!matches(rows[offset])) continue;
      if (picked.length === first) {
        // The rest of a fetched list costs nothing to look at: this answer is exact.
        hasNextPage = true;
        break walking;
      }
      picked.push({ row: rows[offset], aiInterviewId: walk[t], offset });
    }
    if (picked.length === first) {
      // Filled as this list ran out: later lists may or may not hold matches (conservative;
      // knowing would cost their calls now).
      hasNextPage = t < walk.length - 1;
      break;
    }
  }

  // The rows name no candidate: read each one's report (in parallel), which also is its Report.
  const reports = await fetchReportsOrThrow(
    reading,
    picked.map((p) => p.row.parsed.response_id),
  );
  const related: RelatedReport[] = [];
  const edges: Edge<Interview>[] = picked.map(({ row, aiInterviewId, offset }) => {
    const report = reports.get(row.parsed.response_id) ?? null;
    const cursor = encodeXobinInterviewCursor(aiInterviewId, offset);
    // Gone between the two calls: the row is all Xobin still says about it (no report claim).
    if (!report) return { node: normalizeXobinInvitee(row.parsed, row.raw), cursor };
    related.push({ interviewLocator: xobinLocator(report.parsed.response_id), report: reportOf(report) });
    return { node: interviewOf(report, row), cursor };
  });
  const found = [...reports.values()].filter((r): r is ReadReport => r !== null);
  return { edges, hasNextPage, related: { reports: related, templates: templatesFrom(reading, found) } };
}

async function getInterviews(reading: XobinReading, locators: readonly string[]): Promise<BatchResult<Interview>> {
  const ids = locators.map(parseXobinId);
  const byId = await fetchReports(
    reading,
    ids.filter((id): id is number => id !== null),
  );
  const reports: RelatedReport[] = [];
  const found: ReadReport[] = [];
  for (const [id, read] of byId) {
    if (!read || read instanceof Error) continue;
    found.push(read);
    reports.push({ interviewLocator: xobinLocator(id), report: reportOf(read) });
  }
  const interviews = new Map(found.map((read) => [read.parsed.response_id, interviewOf(read)]));
  const templates = templatesFrom(reading, found);
  return {
    results: ids.map((id) => {
      if (id === null) return null;
      const read = byId.get(id);
      if (read instanceof Error) return read;
      return read ? (interviews.get(read.parsed.response_id) ?? null) : null;
    }),
    related: reports.length > 0 ? { reports, ...(templates.length > 0 ? { templates } : {}) } : undefined,
  };
}

/**
 * The report lacks the invitee row's `last_updated_at`: returned as `related.interviews` it would
 * overwrite a list-built Interview with a poorer one.
 */
function getReportsForInterviews(reading: XobinReading, interviewLocators: readonly string[]): Promise<BatchResult<Report>> {
  return reportsById(reading, interviewLocators, false);
}

/** Report locator = response id; the same call also answers "the report of interview X" (related). */
function getReports(reading: XobinReading, reportLocators: readonly string[]): Promise<BatchResult<Report>> {
  return reportsById(reading, reportLocators, true);
}

/**
 * Status changes are not identity changes, so responses at or below the high-water mark are
 * skipped. An unreadable checkpoint starts a full pass (always correct, only costlier); an
 * unreadable resume token restarts from the checkpoint. A failed call fails the page, so nothing
 * advances.
 */
async function discoverInterviews(reading: XobinReading, args: DiscoveryArgs): Promise<DiscoveryPage> {
  const { client, aiInterviewIds } = reading;
  const resume = readToken(resumeSchema, args.resume);
  const hi: HighWater = { ...(resume?.hi ?? readToken(checkpointSchema, args.checkpoint)?.hi ?? {}) };
  // The configuration may have changed between pages: continue with the first id if `next` is gone.
  const index = Math.max(0, resume ? aiInterviewIds.indexOf(resume.next) : 0);
  const id = aiInterviewIds[index];
  if (id === undefined) return { refs: [], resume: null, checkpoint: JSON.stringify({ v: 1, hi: {} }) };

  const rows = (await client.listInvited(id)) ?? [];
  const seen = hi[xobinLocator(id)] ?? 0;
  const fresh = rows.filter((r) => r.parsed.response_id > seen).sort((a, b) => a.parsed.response_id - b.parsed.response_id);
  const batch = fresh.slice(0, XOBIN_DISCOVERY_BATCH);
  const reports = await fetchReportsOrThrow(
    reading,
    batch.map((r) => r.parsed.response_id),
  );

  const refs: IdentityRef[] = [];
  const interviews: Interview[] = [];
  const related: RelatedReport[] = [];
  for (const row of batch) {
    const report = reports.get(row.parsed.response_id);
    if (!report) continue;
    const interview = interviewOf(report, row);
    interviews.push(interview);
    related.push({ interviewLocator: interview.locator, report: reportOf(report) });
    // Xobin dates neither the invite nor the response's creation: the ref's time is the
    // interview's earliest known activity (see interviewSortTime).
    refs.push(identityRefOf(interview));
  }
  if (batch.length > 0) hi[xobinLocator(id)] = Math.max(seen, batch[batch.length - 1].parsed.response_id);

  const next = fresh.length > batch.length ? id : aiInterviewIds[index + 1];
  const page: DiscoveryPage = { refs, resume: null, checkpoint: null };
  if (next !== undefined) {
    page.resume = JSON.stringify({ v: 1, next, hi });
  } else {
    // Only configured AI interviews are kept: the token does not grow with old configurations.
    const kept = Object.fromEntries(aiInterviewIds.filter((a) => hi[xobinLocator(a)] !== undefined).map((a) => [xobinLocator(a), hi[xobinLocator(a)]]));
    page.checkpoint = JSON.stringify({ v: 1, hi: kept });
  }
  const templates = templatesFrom(
    reading,
    [...reports.values()].filter((r): r is ReadReport => r !== null),
  );
  if (interviews.length > 0) page.related = { interviews, reports: related, ...(templates.length > 0 ? { templates } : {}) };
  return page;
}

/* ============================================================================ helpers */

async function fetchReports({ client }: XobinReading, ids: readonly number[]): Promise<Map<number, ReadReport | null | Error>> {
  return fetchEach(ids, (id) => client.getReport(id));
}

async function fetchReportsOrThrow(reading: XobinReading, ids: readonly number[]): Promise<Map<number, ReadReport | null>> {
  const byId = await fetchReports(reading, ids);
  for (const value of byId.values()) if (value instanceof Error) throw value;
  return byId as Map<number, ReadReport | null>;
}

/** Completed reports only: a pending one lacks the skills, and priming a skill-less template would overwrite a fuller one. */
function templatesFrom({ configured }: XobinReading, reports: Iterable<ReadReport>): InterviewTemplate[] {
  const byId = new Map<number, InterviewTemplate>();
  for (const { parsed: report } of reports) {
    const id = report.ai_interview_id;
    if (id === null || id === undefined || !configured.has(id) || byId.has(id) || !isCompleted(report)) continue;
    byId.set(id, normalizeXobinTemplate(id, report));
  }
  return [...byId.values()];
}

/** Its first Completed response (else its first) for the name and skills. Null when Xobin does not know it (404). */
async function describeTemplate(
  { client }: XobinReading,
  id: number,
): Promise<{ template: InterviewTemplate; row: ReadRow | null; report: ReadReport | null } | null> {
  const rows = await client.listInvited(id);
  if (rows === null) return null;
  const row = rows.find((r) => mapXobinStatus(r.parsed.invite_status) === InterviewStatus.COMPLETED) ?? rows[0] ?? null;
  const report = row ? await client.getReport(row.parsed.response_id) : null;
  return { template: normalizeXobinTemplate(id, report?.parsed ?? null), row, report };
}

async function describeTemplates(reading: XobinReading, ids: readonly number[]) {
  const byId = await fetchEach(ids, (id) => describeTemplate(reading, id));
  const related: Required<Pick<Related, 'interviews' | 'reports'>> = { interviews: [], reports: [] };
  for (const value of byId.values()) {
    if (!value || value instanceof Error || !value.report) continue;
    related.interviews.push(interviewOf(value.report, value.row));
    related.reports.push({ interviewLocator: xobinLocator(value.report.parsed.response_id), report: reportOf(value.report) });
  }
  return { byId, related };
}

async function reportsById(reading: XobinReading, locators: readonly string[], withPointers: boolean): Promise<BatchResult<Report>> {
  const ids = locators.map(parseXobinId);
  const byId = await fetchReports(
    reading,
    ids.filter((id): id is number => id !== null),
  );
  const pointers: RelatedReport[] = [];
  const reports = new Map<number, Report | null>();
  for (const [id, read] of byId) {
    if (!read || read instanceof Error) continue;
    const report = reportOf(read);
    reports.set(id, report);
    pointers.push({ interviewLocator: xobinLocator(id), report });
  }
  return {
    results: ids.map((id) => {
      if (id === null) return null;
      const raw = byId.get(id);
      return raw instanceof Error ? raw : (reports.get(id) ?? null);
    }),
    related: withPointers && pointers.length > 0 ? { reports: pointers } : undefined,
  };
}

function interviewOf(report: ReadReport, row: ReadRow | null = null): Interview {
  return normalizeXobinInterview(report.parsed, row?.parsed ?? null, report.raw);
}

function reportOf(report: ReadReport): Report | null {
  return normalizeXobinReport(report.parsed, report.raw);
}
