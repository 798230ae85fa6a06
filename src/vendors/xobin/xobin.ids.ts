import { XOBIN_AI_INTERVIEW_IDS_ENV } from './xobin.descriptor';

/** Largest id we accept: beyond it a JS number no longer holds every integer exactly. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

/** Canonical decimal form only, so one object never has two locators; anything else is answered without a request. */
export function parseXobinId(locator: string): number | null {
  if (typeof locator !== 'string' || !/^[1-9]\d{0,15}$/.test(locator)) return null;
  const value = Number(locator);
  return value <= MAX_ID ? value : null;
}

export function xobinLocator(id: number): string {
  return String(id);
}

/** Unset → no AI interviews (lists are empty; objects are still fetched by id). Throws, naming the variable, on a bad id. */
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
