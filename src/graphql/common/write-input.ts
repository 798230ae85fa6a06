/** Failures are BAD_USER_INPUT naming `extensions.field`; nothing is sent to a vendor. */
import { knownProviders, type Provider, providerSlug } from '../../domain/provider';
import { BadUserInputError } from '../../errors/bad-user-input.error';

/** Longest address RFC 5321 allows. */
const MAX_EMAIL_LENGTH = 254;
/** What every vendor's own check accepts at least. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function badField(field: string, message: string, provider?: Provider): BadUserInputError {
  return new BadUserInputError(`${field}: ${message}`, { field, ...(provider ? { provider } : {}) });
}

export function requiredText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badField(field, 'must not be blank.');
  return trimmed;
}

export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function requiredEmail(field: string, value: string): string {
  const email = value.trim();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email)) throw badField(field, `"${email.slice(0, 80)}" is not an email address.`);
  return email;
}

/** Another provider's block is refused: it would otherwise be silently ignored. */
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
