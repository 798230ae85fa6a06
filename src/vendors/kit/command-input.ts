/**
 * Shared checks adapters run on a write (NewTemplate, NewInvitation) before calling their vendor.
 * Every failure is a BAD_USER_INPUT naming the field as the client wrote it
 * (`extensions.field: "input.questions[2].timeLimitSeconds"`) and the provider, so nothing is
 * sent to a vendor that would refuse it, and nothing the vendor cannot take is dropped silently.
 */
import type { z } from 'zod';
import type { Provider } from '../../domain/provider';
import { providerSlug } from '../../domain/provider';
import { BadUserInputError } from '../../errors/bad-user-input.error';

/** The GraphQL argument every mutation takes its fields from. */
const ROOT = 'input';

/** BAD_USER_INPUT about one field (`field` relative to the input: `questions[2].text`). */
export function invalidInput(provider: Provider, field: string, message: string): BadUserInputError {
  const path = `${ROOT}.${field}`;
  return new BadUserInputError(`${path}: ${message}`, { field: path, provider });
}

/**
 * Refuses unified fields this vendor cannot take: each entry whose value is set (not null, not
 * an empty list) fails with "<field> is not supported by <vendor>" and, when given, the hint.
 */
export function refuseUnsupported(provider: Provider, vendorName: string, fields: Record<string, unknown>, hint?: string): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    throw invalidInput(provider, field, `not supported by ${vendorName}${hint ? ` (${hint})` : ''}.`);
  }
}

/**
 * Parses the provider's options block (`input.micro1`) with the adapter's schema. Null options
 * parse as `{}`, so schemas state their defaults. Zod issues become BAD_USER_INPUT on the field.
 */
export function parseOptions<S extends z.ZodType>(provider: Provider, schema: S, options: Readonly<Record<string, unknown>> | null): z.infer<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [providerSlug(provider), ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].join('.').replace(/\.\[/g, '[');
  throw invalidInput(provider, field, issue.message);
}

/** Checks `count <= max` for a list field. */
export function checkMaxItems(provider: Provider, field: string, count: number, max: number, vendorName: string): void {
  if (count > max) throw invalidInput(provider, field, `${vendorName} takes at most ${max} (got ${count}).`);
}

/** Checks a text field is not longer than `max` characters. */
export function checkMaxLength(provider: Provider, field: string, value: string | null, max: number, vendorName: string): void {
  if (value !== null && value.length > max) throw invalidInput(provider, field, `${vendorName} takes at most ${max} characters (got ${value.length}).`);
}
