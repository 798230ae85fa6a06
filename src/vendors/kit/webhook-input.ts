/** Errors read as a vendor's integrator can act on them: 'micro1 webhook: "data.report_id" is required'. */
import type { z } from 'zod';
import { normaliseWord } from '../../domain/vocabulary';
import { BadUserInputError } from '../../errors/bad-user-input.error';

/** BAD_USER_INPUT `<vendor> webhook: <problem>`. */
export function invalidWebhook(vendor: string, problem: string): BadUserInputError {
  return new BadUserInputError(`${vendor} webhook: ${problem}`);
}

/** The body as a JSON object; BAD_USER_INPUT for anything else (an array, a string, null). */
export function webhookObject(vendor: string, body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidWebhook(vendor, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** BAD_USER_INPUT when absent, not a string, or not an event the vendor documents. */
export function webhookEventType<E extends string>(vendor: string, body: Record<string, unknown>, field: string, events: readonly E[]): E {
  const named = body[field];
  if (named === undefined || named === null) throw invalidWebhook(vendor, `"${field}" is required`);
  if (typeof named !== 'string') throw invalidWebhook(vendor, `"${field}" must be a string, got ${jsonTypeName(named)}`);
  const type = events.find((e) => e === normaliseWord(named));
  if (!type) throw new BadUserInputError(`unknown ${vendor} webhook event "${named}"`);
  return type;
}

export function readWebhookPayload<S extends z.ZodType>(vendor: string, schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = prefix ? [prefix, ...issue.path] : issue.path;
  throw new BadUserInputError(`${vendor} webhook: ${describeIssue(issue, path, valueAt(value, issue.path))}`);
}

/** `%` and `|` inside a part are escaped, so different part lists never collide. */
export function webhookDedupeKey(...parts: Array<string | number | null | undefined>): string {
  return parts.map((p) => (p === null || p === undefined ? '' : String(p).replace(/%/g, '%25').replace(/\|/g, '%7C'))).join('|');
}

function describeIssue(issue: z.core.$ZodIssue, path: readonly PropertyKey[], found: unknown): string {
  const name = `"${path.map(String).join('.')}"`;
  if (found === undefined || found === null) return `${name} is required`;
  if (issue.code === 'invalid_type') return `${name} must be ${article(issue.expected)}, got ${jsonTypeName(found)}`;
  if (issue.code === 'too_small' && typeof found === 'string') return `${name} must not be empty`;
  return `${name}: ${issue.message}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  if (expected === 'record') return 'an object';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** "a string", "an object", "null"…: how a JSON value is named in messages. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
