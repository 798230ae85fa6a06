/**
 * Xobin ids (`ai_interview_id`, `response_id`, `candidate_id`) are integers; the gateway's
 * locators are their decimal strings. The reads, the writes (the AI interview invited to) and the
 * configuration (`XOBIN_AI_INTERVIEW_IDS`) all read them here.
 */
import { XOBIN_AI_INTERVIEW_IDS_ENV } from './xobin.descriptor';

/** Largest id we accept: beyond it a JS number no longer holds every integer exactly. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

/**
 * A Xobin id as a locator: the canonical decimal form of a positive integer ("6735"). Anything
 * else ("07", "-1", "6.5", "1e3", "abc", "") cannot name a Xobin object and is answered without a
 * request; non-canonical spellings are refused so one object never has two locators.
 */
export function parseXobinId(locator: string): number | null {
  if (typeof locator !== 'string' || !/^[1-9]\d{0,15}$/.test(locator)) return null;
  const value = Number(locator);
  return value <= MAX_ID ? value : null;
}

/** The locator of a Xobin id. */
export function xobinLocator(id: number): string {
  return String(id);
}

/**
 * `XOBIN_AI_INTERVIEW_IDS` → ids, in order, duplicates dropped. Commas separate; spaces around
 * an id and empty items (a trailing comma) are ignored. Unset → no AI interviews (lists are
 * empty; objects are still fetched by id). Throws, naming the variable, for anything that is not
 * a positive integer, or for a value with no id at all.
 */
export function parseXobinAiInterviewIds(value: string | undefined): number[] {
  if (value === undefined) return [];
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  const problem = (detail: string) =>
    new Error(`${XOBIN_AI_INTERVIEW_IDS_ENV} must be a comma-separated list of Xobin ai_interview_id values (positive integers, e.g. "206,211"); ${detail}.`);
  if (items.length === 0) throw problem(`got ${JSON.stringify(value)}, which names none`);
  const ids: number[] = [];
  for (const item of items) {
    const id = parseXobinId(item);
    if (id === null) throw problem(`${JSON.stringify(item)} is not one`);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
