import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { NewInvitation } from '../../domain/commands';
import { decodeGlobalId } from '../common/global-id';
import type { GraphQLContext } from '../context';
import { optionalText, providerOptions, requiredEmail, requiredText } from '../common/write-input';
import { InviteCandidateInput } from './invite-candidate.input';
import { InviteCandidatePayload } from './invite-candidate.payload';

@Resolver()
export class InviteCandidateResolver {
  @Mutation(() => InviteCandidatePayload, {
    description:
      "Invites a candidate to a template: one new interview session at the template's provider, returned with its invite URL and at once visible in `candidate(email)`. Checked against the provider's limits before anything is sent; the vendor's own refusals come back as VENDOR_VALIDATION_FAILED (or VENDOR_QUOTA_EXCEEDED) with its message. Never retried automatically (a repeated invite is a second session); pass `idempotencyKey` to make your own retries safe.",
  })
  async inviteCandidate(
    @Arg('input', () => InviteCandidateInput, { description: 'Who to invite, to what.' }) input: InviteCandidateInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InviteCandidatePayload> {
    const { provider, locator } = decodeGlobalId(input.templateId, 'InterviewTemplate');
    const command: NewInvitation = {
      templateLocator: locator,
      candidate: {
        name: requiredText('input.candidate.name', input.candidate.name),
        email: requiredEmail('input.candidate.email', input.candidate.email),
        phone: optionalText(input.candidate.phone),
      },
      sendEmail: input.sendEmail ?? null,
      expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
      options: providerOptions(input, provider),
    };
    const outcome = await ctx.writes.inviteCandidate(provider, command, input.idempotencyKey ?? null);
    return { interview: outcome.value, replayed: outcome.replayed };
  }
}
