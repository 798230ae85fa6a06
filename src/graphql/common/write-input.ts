/**
 * Checks every mutation shares before its input reaches an adapter: required text present,
 * emails well-formed, only the provider's own options block given. Failures are BAD_USER_INPUT
 * with `extensions.field` naming the input field; nothing is sent to a vendor.
 */
import { knownProviders, type Provider, providerSlug } from '../../domain/provider';
import { BadUserInputError } from '../../errors/bad-user-input.error';

/** Longest address RFC 5321 allows. */
const MAX_EMAIL_LENGTH = 254;
/** Something@something.tld, no spaces: what every vendor's own check accepts at least. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function badField(field: string, message: string, provider?: Provider): BadUserInputError {
  return new BadUserInputError(`${field}: ${message}`, { field, ...(provider ? { provider } : {}) });
}

/** The trimmed text; BAD_USER_INPUT when blank. */
export function requiredText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badField(field, 'must not be blank.');
  return trimmed;
}

/** The trimmed text, or null when absent or blank. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The trimmed address; BAD_USER_INPUT unless it looks like one. */
export function requiredEmail(field: string, value: string): string {
  const email = value.trim();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) throw badField(field, `"${email.slice(0, 80)}" is not an email address.`);
  return email;
}

/**
 * The options block of `provider` (`input.micro1`) as plain JSON (dates as ISO strings), or null.
 * Another provider's block is refused: it would otherwise be silently ignored.
 */
export function providerOptions(input: object, provider: Provider): Record<string, unknown> | null {
  const blocks = input as Record<string, unknown>;
  for (const other of knownProviders()) {
    const slug = providerSlug(other);
    if (other !== provider && blocks[slug] !== undefined && blocks[slug] !== null) {
      throw badField(`input.${slug}`, `these settings are for ${other}, but this request goes to ${provider}; use input.${providerSlug(provider)}.`, provider);
    }
  }
  const own = blocks[providerSlug(provider)];
  return own === undefined || own === null ? null : (JSON.parse(JSON.stringify(own)) as Record<string, unknown>);
}
