/**
 * Every id in the vendors' recorded payloads (test/fixtures/vendors, taken from their docs and the
 * seeds) passes its vendor's id grammar as the locator it becomes, so the check made before any
 * call never refuses an id the vendor really hands out. Placeholders the docs print instead of a
 * value (`<string>`, `integer`) are no ids and are skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityKind } from '../../../src/domain/model';
import { idGrammarOf } from '../../../src/domain/provider';
import { reportLocator, sessionLocator } from '../../../src/vendors/micro1/micro1.ids';
import { Provider } from '../../support/providers';

const FIXTURES = join(__dirname, '../../fixtures/vendors');
const PLACEHOLDER = /^(<[^>]*>|string|integer)$/;

/** Every object in every payload of `vendor`, depth first. */
function objectsOf(vendor: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      found.push(value as Record<string, unknown>);
      Object.values(value).forEach(walk);
    }
  };
  for (const file of readdirSync(join(FIXTURES, vendor)).filter((f) => f.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(join(FIXTURES, vendor, file), 'utf8')));
  }
  return found;
}

const idOf = (value: unknown): string | null =>
  (typeof value === 'string' || typeof value === 'number') && !PLACEHOLDER.test(String(value)) ? String(value) : null;

/** The locators `object` holds: the kind each of its id fields names, per vendor. */
const LOCATORS: Record<string, (object: Record<string, unknown>) => Array<[EntityKind, string | null]>> = {
  micro1: (o) => {
    const [template, candidate, report] = [idOf(o.interview_id), idOf(o.candidate_id), idOf(o.report_id)];
    return [
      ['InterviewTemplate', template],
      ['Interview', template && candidate ? sessionLocator(template, candidate) : null],
      ['Report', template && candidate && report ? reportLocator(template, candidate, report) : null],
    ];
  },
  heymilo: (o) => [
    ['Interview', idOf(o.interview_id)],
    ['Report', idOf(o.interview_id)],
    ['InterviewTemplate', idOf(o.posting_id)],
  ],
  xobin: (o) => [
    ['InterviewTemplate', idOf(o.ai_interview_id)],
    ['Interview', idOf(o.response_id)],
    ['Report', idOf(o.response_id)],
  ],
  evalyo: (o) => [
    ['Interview', idOf(o.interviewId)],
    ['InterviewTemplate', idOf(o.jobId)],
    // An interview's or a job's own `id`: either kind takes the same opaque ids.
    ['Interview', idOf(o.id)],
  ],
};

describe.each([
  ['micro1', Provider.MICRO1],
  ['heymilo', Provider.HEYMILO],
  ['xobin', Provider.XOBIN],
  ['evalyo', Provider.EVALYO],
])('%s ids in the recorded payloads', (vendor, provider) => {
  it('all pass its grammar as the locators they become', () => {
    const checked: Array<{ kind: EntityKind; locator: string; problem: string | null }> = [];
    for (const object of objectsOf(vendor)) {
      for (const [kind, locator] of LOCATORS[vendor](object)) {
        if (locator !== null) checked.push({ kind, locator, problem: idGrammarOf(provider).check(kind, locator) });
      }
    }
    expect(checked.filter((c) => c.problem !== null)).toEqual([]);
    // Not vacuous: every kind was met in the payloads.
    expect(new Set(checked.map((c) => c.kind)).size).toBe(vendor === 'evalyo' ? 2 : 3);
    expect(checked.length).toBeGreaterThanOrEqual(5);
  });
});

describe('what each grammar refuses', () => {
  it.each([
    [Provider.XOBIN, 'Interview', 'abc', /whole numbers/],
    [Provider.XOBIN, 'Interview', '0', /whole numbers/],
    [Provider.XOBIN, 'Interview', '0123', /whole numbers/],
    [Provider.MICRO1, 'Interview', '123e4567-e89b-12d3-a456-426614174000', /named by <interview_id>~<candidate_id>/],
    [Provider.MICRO1, 'Report', 'a~b~c d', /its report_id may hold only/],
    [Provider.HEYMILO, 'Interview', 'D536A69A4090E13F/../x', /may hold only/],
    [Provider.EVALYO, 'Interview', 'x'.repeat(129), /129 characters long, more than the 128/],
  ] as const)('%s %s %j', (provider, kind, locator, problem) => {
    expect(idGrammarOf(provider).check(kind, locator)).toMatch(problem);
  });
});
