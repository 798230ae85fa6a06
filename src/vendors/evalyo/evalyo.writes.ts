/**
 * Evalyo's `POST /api/v1/interviews` takes a `candidateId`, not an email (REFERENCE.md §4.2, seed
 * 002), and candidate emails are unique, so an invitation is two steps, each once, never retried:
 * 1. create the candidate; on 409 (email taken) search for it, matching the email
 *    case-insensitively. Nothing is invited yet, so errors here are definite: a retry just finds
 *    the candidate again.
 * 2. create the interview. Evalyo documents no idempotency, so a 5xx or timeout here carries
 *    `outcomeUnknown`.
 * An existing candidate keeps its profile: Evalyo documents no candidate update, so phone and
 * `locale` only apply when step 1 creates it. Creating jobs as templates is out of scope.
 */
import { z } from 'zod';
import type { NewInvitation } from '../../domain/commands';
import type { Interview } from '../../domain/model';
import { ErrorCode } from '../../errors/error-code';
import { NotFoundError } from '../../errors/not-found.error';
import { VendorError, type VendorErrorCode } from '../../errors/vendor.error';
import { invalidInput, parseOptions, vendorIdOption } from '../kit/command-input';
import { bindRole, type VendorWrites } from '../vendor-roles';
import { EVALYO_MAX_PAGE_SIZE, EVALYO_ROUTES, type EvalyoClient } from './evalyo.client';
import { isEvalyoId } from './evalyo.ids';
import { normalizeEvalyoCreatedInterview } from './evalyo.normalize';
import type { EvalyoNewCandidate, EvalyoNewInterview, RawEvalyoCandidate } from './evalyo.raw';
import { EVALYO } from './evalyo.descriptor';

const PROVIDER = EVALYO;

export function evalyoWrites(client: EvalyoClient): Required<Pick<VendorWrites, 'inviteCandidate'>> {
  return bindRole<Required<Pick<VendorWrites, 'inviteCandidate'>>, EvalyoClient>(client, { inviteCandidate: inviteEvalyoCandidate });
}

/** E.164: `+`, a non-zero country digit, 7–15 digits in all (Evalyo's `phone`). */
export const EVALYO_PHONE_PATTERN = /^\+[1-9]\d{6,14}$/;

/** A candidate locale: ISO 639-1 language, optionally with an ISO 3166 region (`fr`, `en`, `fr-CA`). */
export const EVALYO_LOCALE_PATTERN = /^[a-z]{2}(-[A-Z]{2})?$/;

/** ISO-8601 date-time with an explicit zone (`Z` or `±hh:mm`), seconds and fraction optional. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const evalyoIdOption = vendorIdOption('Evalyo');

/** Strict: a key this adapter does not know is refused, not ignored. `locale` only applies to a new candidate. */
export const evalyoInviteOptionsSchema = z.strictObject({
  campaignId: evalyoIdOption,
  stageId: evalyoIdOption,
  configId: evalyoIdOption,
  locale: z.string().regex(EVALYO_LOCALE_PATTERN, 'must be a language code such as en, fr or fr-CA.').nullish(),
});

/** The two request bodies of one invitation (the interview's `candidateId` comes from step 1). */
export interface EvalyoInvitationPlan {
  candidate: EvalyoNewCandidate;
  interview: Omit<EvalyoNewInterview, 'candidateId'>;
}

/**
 * PURE but for `now` (to refuse a past `expiresAt`). The name is split at its first word into
 * `firstName` / `lastName`: Evalyo stores them apart.
 */
export function planEvalyoInvitation(input: NewInvitation, now: number = Date.now()): EvalyoInvitationPlan {
  const options = parseOptions(PROVIDER, evalyoInviteOptionsSchema, input.options);
  const { email, phone } = input.candidate;
  if (email.trim().length === 0) throw invalidInput(PROVIDER, 'candidate.email', 'required by Evalyo (candidates are found by their email).');
  if (phone !== null && !EVALYO_PHONE_PATTERN.test(phone)) {
    throw invalidInput(PROVIDER, 'candidate.phone', 'must be an E.164 number such as +33612345678.');
  }
  let expiresAt: string | undefined;
  if (input.expiresAt !== null) {
    const at = ISO_DATE_TIME.test(input.expiresAt) ? Date.parse(input.expiresAt) : Number.NaN;
    if (Number.isNaN(at)) throw invalidInput(PROVIDER, 'expiresAt', 'must be an ISO-8601 date-time with a time zone, such as 2026-12-31T23:59:59Z.');
    // Evalyo refuses a past deadline (422); checked here so no candidate is created for nothing.
    if (at <= now) throw invalidInput(PROVIDER, 'expiresAt', 'must be in the future.');
    expiresAt = new Date(at).toISOString();
  }
  if (!isEvalyoId(input.templateLocator)) throw unknownJob(input.templateLocator, false);

  const [firstName, ...rest] = input.candidate.name
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const lastName = rest.join(' ');
  return {
    candidate: {
      email,
      ...(firstName ? { firstName } : {}),
      ...(lastName ? { lastName } : {}),
      ...(phone !== null ? { phone } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    },
    interview: {
      jobId: input.templateLocator,
      ...(options.campaignId ? { campaignId: options.campaignId } : {}),
      ...(options.stageId ? { stageId: options.stageId } : {}),
      ...(options.configId ? { configId: options.configId } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
      ...(input.sendEmail !== null ? { sendInvite: input.sendEmail } : {}),
    },
  };
}

/** NOT_FOUND naming the job when Evalyo answers 404 to step 2. */
export async function inviteEvalyoCandidate(client: EvalyoClient, input: NewInvitation): Promise<Interview> {
  const plan = planEvalyoInvitation(input);
  const candidate = await definite(() => findOrCreateCandidate(client, plan.candidate));
  const created = await client.createInterview({ candidateId: candidate.id, ...plan.interview }).catch((error: unknown) => {
    // The candidate was just created or found, so a 404 is about the job (or an option's id).
    if (error instanceof NotFoundError)
      throw unknownJob(plan.interview.jobId, Boolean(plan.interview.campaignId || plan.interview.stageId || plan.interview.configId));
    throw error;
  });
  return normalizeEvalyoCreatedInterview(
    created.parsed,
    candidate,
    { jobId: plan.interview.jobId, email: plan.candidate.email, name: input.candidate.name },
    created.raw,
  );
}

/** Step 1: the created candidate, or on 409 the existing one with that email (one search call). */
async function findOrCreateCandidate(client: EvalyoClient, body: EvalyoNewCandidate): Promise<RawEvalyoCandidate> {
  const creation = await client.createCandidate(body);
  if ('created' in creation) return creation.created;
  // Search matches names and emails by substring: one page of the largest size is plenty for an
  // exact email, and the match is checked here.
  const wanted = body.email.trim().toLowerCase();
  const page = await client.listCandidates({ page: 1, pageSize: EVALYO_MAX_PAGE_SIZE, search: body.email });
  const match = page.data.find((c) => typeof c.email === 'string' && c.email.trim().toLowerCase() === wanted);
  if (match) return match;
  throw new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, PROVIDER, {
    detail: {
      route: EVALYO_ROUTES.listCandidates,
      reason: 'the email is taken (409) but searching for it found no candidate with it',
      found: page.data.length,
    },
  });
}

/**
 * Step 1's failures are definite: no interview exists yet, so `outcomeUnknown` goes. A 404 from
 * the candidate routes (which always exist) is the API disagreeing: VENDOR_BAD_RESPONSE.
 */
async function definite<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new VendorError(ErrorCode.VENDOR_BAD_RESPONSE, PROVIDER, { detail: { reason: 'candidate route answered 404' }, cause: error });
    }
    if (error instanceof VendorError && error.outcomeUnknown) {
      const { code: _code, provider: _provider, outcomeUnknown: _unknown, ...extensions } = error.extensions;
      throw new VendorError(error.code as VendorErrorCode, PROVIDER, { message: error.message, detail: error.detail, cause: error, extensions });
    }
    throw error;
  }
}

/** The locator is quoted only when it is a plausible id, so garbage is never echoed back. */
function unknownJob(locator: string, withOptions: boolean): NotFoundError {
  const which = isEvalyoId(locator) ? `job '${locator}'` : 'job with that locator (not an Evalyo id)';
  const options = withOptions ? ', or no such campaign, stage or configuration (input.evalyo)' : '';
  return new NotFoundError(`Evalyo has no ${which}: the interview template to invite to was not found${options}.`, PROVIDER);
}
