/**
 * Failures name the field as the client wrote it (`input.questions[2].timeLimitSeconds`), so
 * nothing a vendor would refuse is sent, and nothing it cannot take is dropped silently.
 */
import { z } from 'zod';
import type { Provider } from '../../domain/provider';
import { providerSlug } from '../../domain/provider';
import { opaqueIdProblem } from '../../domain/vendor-ids';
import { BadUserInputError } from '../../errors/bad-user-input.error';

/** The GraphQL argument every mutation takes its fields from. */
const ROOT = 'input';

/** BAD_USER_INPUT about one field (`field` relative to the input: `questions[2].text`). */
export function invalidInput(provider: Provider, field: string, message: string): BadUserInputError {
  const path = `${ROOT}.${field}`;
  return new BadUserInputError(`${path}: ${message}`, { field: path, provider });
}

/** Set means not null and not an empty list. */
export function refuseUnsupported(provider: Provider, vendorName: string, fields: Record<string, unknown>, hint?: string): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    throw invalidInput(provider, field, `not supported by ${vendorName}${hint ? ` (${hint})` : ''}.`);
  }
}

/** Null options parse as `{}`, so schemas state their defaults. */
export function parseOptions<S extends z.ZodType>(provider: Provider, schema: S, options: Readonly<Record<string, unknown>> | null): z.infer<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [providerSlug(provider), ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].join('.').replace(/\.\[/g, '[');
  throw invalidInput(provider, field, issue.message);
}

/** An id of the vendor's own in a command's options (trimmed), checked like the ids of global ids (vendor-ids.ts) before it is sent. */
export function vendorIdOption(vendorName: string) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = opaqueIdProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `is no ${vendorName} id: ${problem}.` });
    })
    .nullish();
}

/** Checks `count <= max` for a list field. */
export function checkMaxItems(provider: Provider, field: string, count: number, max: number, vendorName: string): void {
  if (count > max) throw invalidInput(provider, field, `${vendorName} takes at most ${max} (got ${count}).`);
}

/** Checks a text field is not longer than `max` characters. */
export function checkMaxLength(provider: Provider, field: string, value: string | null, max: number, vendorName: string): void {
  if (value !== null && value.length > max) throw invalidInput(provider, field, `${vendorName} takes at most ${max} characters (got ${value.length}).`);
}
