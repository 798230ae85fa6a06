import type { VendorIdGrammar } from '../../domain/vendor-ids';

/** The one Xobin setting beyond key and base URL (read from `XOBIN_AI_INTERVIEW_IDS`). */
export const XOBIN_AI_INTERVIEW_IDS_OPTION = 'AI_INTERVIEW_IDS';

/** The variable operators set, named in every error about it. */
export const XOBIN_AI_INTERVIEW_IDS_ENV = `XOBIN_${XOBIN_AI_INTERVIEW_IDS_OPTION}`;

/** Largest id we accept: beyond it a JS number no longer holds every integer exactly. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

/** Canonical decimal form only, so one object never has two locators; anything else is answered without a request. */
export function parseXobinId(locator: string): number | null {
  if (typeof locator !== 'string' || !/^[1-9]\d{0,15}$/.test(locator)) return null;
  const value = Number(locator);
  return value <= MAX_ID ? value : null;
}

/** Xobin's ids (`ai_interview_id`, `response_id`) are integers (REFERENCE.md §3: S001): every locator is one. */
export const xobinIds: VendorIdGrammar = {
  check: (_kind, locator) => (parseXobinId(locator) === null ? `Xobin ids are whole numbers from 1 to ${MAX_ID} written in digits, and this is not one` : null),
};

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
