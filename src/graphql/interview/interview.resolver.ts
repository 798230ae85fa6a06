import { Args, Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { decodeGlobalId } from '../common/global-id';
import type {
  ExternalId as ExternalIdValue,
  Interview,
  InterviewTemplate,
  Recording as RecordingValue,
  Report,
  TimeNote as TimeNoteValue,
  TranscriptTurn as TurnValue,
} from '../../domain/model';
import { entityRef } from '../../store/entity-ref';
import { NotFoundError } from '../../errors/not-found.error';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { Candidate } from '../candidate/candidate.type';
import { candidateFromRefs, type CandidateValue } from '../candidate/candidate.value';
import { normaliseEmail } from '../../domain/email';
import { interviewSortTime } from '../../domain/interview';
import type { ProviderConnectionValue } from '../common/connection.type';
import { checkFirst, decodeListCursor, toConnection } from '../common/cursor';
import { globalIdOf, RAW_DESCRIPTION, rawOf, TIME_NOTES_DESCRIPTION, timeNotesOf } from '../common/entity-fields';
import { TimeNote } from '../common/time-note.type';
import { ExternalId } from './external-id.type';
import { JSON as JSONScalar } from '../common/scalars';
import type { GraphQLContext } from '../context';
import { Recording } from '../report/recording.type';
import { ReportType } from '../report/report.type';
import { TranscriptTurn } from '../report/transcript-turn.type';
import { InterviewTemplateType } from '../template/template.type';
import { InterviewsArgs } from './interview.args';
import { interviewFeed, wantsInterviewFeed } from './interview-feed';
import { InterviewConnection } from './interview-connection.type';
import { InterviewType } from './interview.type';

export const INTERVIEW_LIST = 'interviews';

@Resolver(() => InterviewType)
export class InterviewResolver {
  @Query(() => InterviewType, { nullable: true, description: 'One interview by global id. Unknown ids give null with a NOT_FOUND error.' })
  async interview(@Arg('id', () => ID, { description: 'Global id of an Interview.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Interview> {
    const { provider, locator } = decodeGlobalId(id, 'Interview');
    const interview = await ctx.loaders.interviewByLocator.load(entityRef(provider, locator));
    if (!interview) throw new NotFoundError(`No interview with id "${id}".`, provider);
    return interview;
  }

  @Query(() => InterviewConnection, {
    nullable: true,
    description:
      "Interviews across every configured vendor in one order with one cursor (the read model: filters by status, template, update time and candidate; `orderBy`; `totalCount`), then loaded through the cache. An interview whose vendor fails keeps its place with `node: null` and an error naming the provider. With `provider` alone: that vendor's live list in its own order (null, with an error naming the provider, when the vendor fails). While a vendor's first sync pass is unfinished, the response says so in `extensions.indexIncomplete`.",
  })
  async interviews(@Args() args: InterviewsArgs, @Ctx() ctx: GraphQLContext): Promise<ProviderConnectionValue<Interview>> {
    if (wantsInterviewFeed(args)) return interviewFeed(ctx, args);
    const provider = args.provider as Interview['provider'];
    let templateLocator: string | null = null;
    if (args.templateId) {
      const template = decodeGlobalId(args.templateId, 'InterviewTemplate');
      if (template.provider !== provider) {
        throw new BadUserInputError(`templateId belongs to ${template.provider}, not ${provider}.`, { argument: 'templateId' });
      }
      templateLocator = template.locator;
    }
    return listInterviews(ctx, provider, { first: args.first, after: args.after ?? null, status: args.status ?? null, templateLocator });
  }

  @FieldResolver(() => ID, { description: 'Global id: `<provider>:Interview:<id>`.' })
  id(@Root() interview: Interview): string {
    return globalIdOf(interview);
  }

  @FieldResolver(() => Candidate, { description: 'Who is interviewed: the person across every provider (by email), including this interview.' })
  async candidate(@Root() interview: Interview, @Ctx() ctx: GraphQLContext): Promise<CandidateValue> {
    const account = await ctx.loaders.candidateOf(interview);
    const email = normaliseEmail(account.email);
    const self = {
      provider: interview.provider,
      locator: interview.locator,
      email: account.email,
      name: account.name,
      candidateProviderId: account.providerId,
      createdAt: interviewSortTime(interview),
    };
    if (!email) return candidateFromRefs(null, [self]);
    try {
      return candidateFromRefs(email, await ctx.loaders.refsByEmail.load(email), [self]);
    } catch {
      return candidateFromRefs(email, [self]); // index unavailable: this provider's view still holds
    }
  }

  @FieldResolver(() => InterviewTemplateType, { nullable: true, description: 'The template this interview was created from.' })
  async template(@Root() interview: Interview, @Ctx() ctx: GraphQLContext): Promise<InterviewTemplate | null> {
    if (!interview.templateLocator) return null;
    return ctx.loaders.templateByLocator.load(entityRef(interview.provider, interview.templateLocator));
  }

  @FieldResolver(() => ReportType, { nullable: true, description: 'The latest report; null until the vendor has one.' })
  report(@Root() interview: Interview, @Ctx() ctx: GraphQLContext): Promise<Report | null> {
    return ctx.loaders.reportForInterview(interview.provider, interview.locator);
  }

  @FieldResolver(() => [Recording], {
    nullable: true,
    description: 'Recordings (from the latest report); empty until there are any; null when the vendor fails.',
  })
  async recordings(@Root() interview: Interview, @Ctx() ctx: GraphQLContext): Promise<RecordingValue[]> {
    return (await ctx.loaders.reportForInterview(interview.provider, interview.locator))?.recordings ?? [];
  }

  @FieldResolver(() => [TranscriptTurn], {
    nullable: true,
    description: 'The conversation (from the latest report); empty until there is one; null when the vendor fails.',
  })
  async transcript(@Root() interview: Interview, @Ctx() ctx: GraphQLContext): Promise<TurnValue[]> {
    return (await ctx.loaders.reportForInterview(interview.provider, interview.locator))?.transcript ?? [];
  }

  @FieldResolver(() => [ExternalId], {
    description:
      "Ids of other systems the vendor carries for this interview: the company's ATS job and application (micro1 `ats_job_id`, `ats_job_application_id`), the vendor's own job and application objects, an id chosen at invite (Xobin `custom_field_id`). Empty when the vendor carries none.",
  })
  externalIds(@Root() interview: Interview): ExternalIdValue[] {
    return interview.externalIds ?? [];
  }

  @FieldResolver(() => [TimeNote], { description: TIME_NOTES_DESCRIPTION })
  timeNotes(@Root() interview: Interview): TimeNoteValue[] {
    return timeNotesOf(interview);
  }

  @FieldResolver(() => JSONScalar, { nullable: true, description: RAW_DESCRIPTION })
  raw(@Root() interview: Interview, @Ctx() ctx: GraphQLContext): unknown {
    return rawOf(interview, ctx);
  }
}

export async function listInterviews(
  ctx: GraphQLContext,
  provider: Interview['provider'],
  args: { first: number; after: string | null; status: Interview['status'] | null; templateLocator: string | null },
): Promise<ProviderConnectionValue<Interview>> {
  const list = args.templateLocator ? `${INTERVIEW_LIST}:${args.templateLocator}` : INTERVIEW_LIST;
  const after = decodeListCursor(args.after, list, provider);
  const page = await ctx.loaders.listInterviews(provider, {
    first: checkFirst(args.first),
    after,
    status: args.status,
    templateLocator: args.templateLocator,
  });
  return toConnection(list, provider, page, args.after);
}
