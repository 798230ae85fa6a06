/**
 * One `POST /ai-interviews/invite` (REFERENCE.md §3.2; docs ai-interviews/ai-interview-invite.html),
 * never retried. Whether a date is in the future is Xobin's to say. Xobin's API cannot create AI
 * interviews (only an async plan generator exists), so there is no `createTemplate`.
 *
 * Unified input → Xobin:
 * | input                     | Xobin             | notes |
 * |---------------------------|-------------------|-------|
 * | templateLocator           | `ai_interview_id` | a positive integer; anything else names no AI interview → NOT_FOUND |
 * | candidate.name / .email   | `candidate_name` / `candidate_email` | sent as given |
 * | candidate.phone           | —                 | Xobin invites by email or link only → refused |
 * | sendEmail true / null     | `invite_format: 'sendlink'` | Xobin emails the invite (the other vendors' default too) |
 * | sendEmail false           | `invite_format: 'getlink'`  | link only; the caller shares `inviteUrl` |
 * | expiresAt                 | `expiry_date`     | `YYYY-MM-DD HH:MM` in GMT, seconds dropped |
 * | xobin.startsAt            | `start_date`      | same format |
 * | xobin.customFieldId       | `custom_field_id` | the caller's own id; reports can be fetched by it later |
 */
import { z } from 'zod';
import type { NewInvitation } from '../../domain/commands';
import type { Interview } from '../../domain/model';
import { NotFoundError } from '../../errors/not-found.error';
import { invalidInput, parseOptions, refuseUnsupported } from '../kit/command-input';
import { bindRole, type VendorWrites } from '../vendor-roles';
import type { XobinClient } from './xobin.client';
import { parseXobinId } from './xobin.ids';
import { normalizeXobinInvitation } from './xobin.normalize';
import type { XobinInviteRequest } from './xobin.raw';
import { XOBIN } from './xobin.descriptor';

const PROVIDER = XOBIN;
const VENDOR = 'Xobin';

export function xobinWrites(client: XobinClient): Required<Pick<VendorWrites, 'inviteCandidate'>> {
  return bindRole<Required<Pick<VendorWrites, 'inviteCandidate'>>, XobinClient>(client, { inviteCandidate });
}

/**
 * Any AI interview Xobin knows can be invited to, configured or not: the response is found by
 * `response_id` either way, but only configured AI interviews are listed.
 */
async function inviteCandidate(client: XobinClient, input: NewInvitation): Promise<Interview> {
  const { aiInterviewId, body } = buildXobinInvite(input);
  const answer = await client.invite(body).catch((error: unknown) => {
    // On this route Xobin's 404 is about the ai_interview_id: name the template, not "no such object".
    throw error instanceof NotFoundError ? unknownXobinAiInterview(input.templateLocator) : error;
  });
  return normalizeXobinInvitation(
    answer.parsed,
    { name: body.candidate_name, email: body.candidate_email, aiInterviewId, customFieldId: body.custom_field_id },
    answer.raw,
  );
}

/** Strict: a key the adapter does not know is refused rather than dropped. */
export const xobinInviteOptionsSchema = z.strictObject({
  /** When the candidate may start (ISO-8601 with a zone); absent: at once. */
  startsAt: z.string().nullish(),
  /** The caller's own id for the candidate; trimmed, must not be blank. */
  customFieldId: z.string().trim().min(1, 'must not be blank.').nullish(),
});

export type XobinInviteOptions = z.infer<typeof xobinInviteOptionsSchema>;

export interface XobinInvitePlan {
  aiInterviewId: number;
  body: XobinInviteRequest;
}

const ISO_HINT = 'an ISO-8601 date-time with a zone, e.g. 2025-07-20T20:30:00Z';

/** `xobin.startsAt` must be before `expiresAt` in whole minutes, as Xobin receives them. */
export function buildXobinInvite(input: NewInvitation): XobinInvitePlan {
  refuseUnsupported(PROVIDER, VENDOR, { 'candidate.phone': input.candidate.phone }, 'Xobin invites by email or shareable link only');
  if (input.candidate.name.trim().length === 0) throw invalidInput(PROVIDER, 'candidate.name', 'Xobin requires the candidate name.');
  if (input.candidate.email.trim().length === 0) throw invalidInput(PROVIDER, 'candidate.email', 'Xobin requires the candidate email.');
  const options = parseOptions(PROVIDER, xobinInviteOptionsSchema, input.options);

  const expiry = input.expiresAt === null ? null : minuteOf(input.expiresAt, 'expiresAt');
  const start = options.startsAt === null || options.startsAt === undefined ? null : minuteOf(options.startsAt, 'xobin.startsAt');
  if (start !== null && expiry !== null && start >= expiry) {
    throw invalidInput(
      PROVIDER,
      'xobin.startsAt',
      `must be before expiresAt (Xobin takes whole minutes: ${formatXobinDateTime(start)} GMT is not before ${formatXobinDateTime(expiry)} GMT).`,
    );
  }

  const aiInterviewId = parseXobinId(input.templateLocator);
  if (aiInterviewId === null) throw unknownXobinAiInterview(input.templateLocator);

  // Docs' key order; optional keys are left out (Xobin reads absent dates as "now" / "never").
  const body: XobinInviteRequest = {
    candidate_name: input.candidate.name,
    candidate_email: input.candidate.email,
    ai_interview_id: aiInterviewId,
    invite_format: input.sendEmail === false ? 'getlink' : 'sendlink',
  };
  if (start !== null) body.start_date = formatXobinDateTime(start);
  if (expiry !== null) body.expiry_date = formatXobinDateTime(expiry);
  if (options.customFieldId) body.custom_field_id = options.customFieldId;
  return { aiInterviewId, body };
}

/** NOT_FOUND for a template locator Xobin has (or can have) no AI interview for. */
export function unknownXobinAiInterview(templateLocator: string): NotFoundError {
  return new NotFoundError(`Xobin has no AI interview (interview template) with id "${templateLocator}".`, PROVIDER);
}

/* ============================================================================ dates */

/** Parses `value` and floors it to its minute (Unix ms), or fails with BAD_USER_INPUT on `field`. */
function minuteOf(value: string, field: string): number {
  const ms = parseIsoDateTime(value);
  if (ms === null) throw invalidInput(PROVIDER, field, `must be ${ISO_HINT} (got ${JSON.stringify(value.slice(0, 40))}).`);
  return Math.floor(ms / MINUTE) * MINUTE;
}

const MINUTE = 60_000;

/** A zone is required: without one the instant is a guess. Impossible dates that `Date.parse` rolls over are null. */
export function parseIsoDateTime(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh, om] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const date = new Date(local);
  // Date.UTC maps years 0–99 to 1900–1999; such instants are no invite date anyway.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (zulu) return local;
  const offsetHours = Number(oh);
  const offsetMinutes = Number(om);
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const offset = (offsetHours * 60 + offsetMinutes) * MINUTE;
  return sign === '+' ? local - offset : local + offset;
}

/** Unix ms → Xobin's invite date format `YYYY-MM-DD HH:MM` in GMT (seconds dropped). */
export function formatXobinDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
