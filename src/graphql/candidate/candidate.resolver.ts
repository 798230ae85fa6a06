import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { InterviewStatus, type Interview, type Report } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { ErrorCode } from '../../errors/error-code';
import { GatewayError } from '../../errors/gateway.error';
import { entityRef } from '../../store/entity-ref';
import type { ConnectionValue } from '../common/connection.type';
import { checkFirst } from '../common/cursor';
import { decodeCursor, encodeCursor } from '../common/cursor-codec';
import type { GraphQLContext } from '../context';
import { ReportType } from '../report/report.type';
import { CandidatesArgs, CandidateInterviewsArgs } from './candidate.args';
import { InterviewType } from '../interview/interview.type';
import { CandidateConnection, CandidateInterviewConnection, CandidateInterviewEdge } from './candidate-connection.type';
import { mergedInterviews, type MergedEdge } from './candidate-interviews';
import { Candidate } from './candidate.type';
import { candidateFromRefs, candidateKey, type CandidateValue } from './candidate.value';
import { Tag } from '../../response-cache/response-tags';

const CANDIDATE_LIST = 'candidates';

@Resolver(() => Candidate)
export class CandidateResolver {
  @Query(() => Candidate, {
    nullable: true,
    description:
      'A person by email (any case or surrounding spaces), with their interviews at every vendor. Null when no vendor is known to have interviewed them.',
  })
  async candidate(
    @Arg('email', () => String, { description: 'Email address; matched trimmed and case-insensitively.' }) email: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CandidateValue | null> {
    const key = candidateKey(email);
    if (!key) throw new BadUserInputError('`email` must be an email address.', { argument: 'email' });
    ctx.readsIndex = true;
    const refs = await ctx.loaders.refsByEmail.load(key);
    return refs.length > 0 ? candidateFromRefs(key, refs) : null;
  }

  @Query(() => CandidateConnection, {
    nullable: true,
    description: 'People known to the identity index, ordered by email; `search` matches email or name.',
  })
  async candidates(@Args() args: CandidatesArgs, @Ctx() ctx: GraphQLContext): Promise<ConnectionValue<CandidateValue>> {
    const first = checkFirst(args.first);
    const after = decodeCandidateCursor(args.after);
    ctx.readsIndex = true;
    ctx.dependencies.depend(...ctx.registry.configured().map((adapter) => Tag.interviews(adapter.descriptor.provider)));
    let page: { emailKeys: string[]; hasNext: boolean };
    try {
      page = await ctx.identity.store.emails({ search: args.search ?? null, after, first });
    } catch (error) {
      ctx.logger.warn({ err: error }, 'identity index unavailable');
      throw new GatewayError(ErrorCode.INDEX_UNAVAILABLE, 'The identity index is unavailable; try again shortly.');
    }
    const refs = await ctx.loaders.refsByEmail.loadMany(page.emailKeys);
    const edges = page.emailKeys.map((key, i) => {
      const found = refs[i];
      if (found instanceof Error) throw found;
      return { cursor: encodeCursor([CANDIDATE_LIST, key]), node: candidateFromRefs(key, found) };
    });
    return {
      edges,
      pageInfo: {
        hasNextPage: page.hasNext,
        hasPreviousPage: after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @FieldResolver(() => CandidateInterviewConnection, {
    nullable: true,
    description: "This person's interviews at every provider, newest first, optionally filtered.",
  })
  async interviews(@Root() candidate: CandidateValue, @Args() args: CandidateInterviewsArgs, @Ctx() ctx: GraphQLContext) {
    const page = await mergedInterviews(ctx, candidate.refs, {
      provider: args.provider ?? null,
      status: args.status ?? null,
      updatedAfter: args.updatedAfter ? args.updatedAfter.toISOString() : null,
      first: checkFirst(args.first),
      after: args.after ?? null,
    });
    return {
      edges: page.edges,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: Boolean(args.after),
        startCursor: page.edges[0]?.cursor ?? null,
        endCursor: page.edges[page.edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @FieldResolver(() => [ReportType], {
    nullable: 'items',
    description: "This person's reports at every provider, newest first. A report whose vendor fails is a null item with an error naming the provider.",
  })
  async reports(@Root() candidate: CandidateValue, @Ctx() ctx: GraphQLContext): Promise<Array<Report | Promise<never>>> {
    return (await reportsOf(candidate, ctx)).map((r) => (r instanceof Error ? Promise.reject(r) : r));
  }

  @FieldResolver(() => ReportType, {
    nullable: true,
    description: 'The most recent report at any provider; null when there is none (or every vendor holding one failed: see errors).',
  })
  async latestReport(@Root() candidate: CandidateValue, @Ctx() ctx: GraphQLContext): Promise<Report | null> {
    const all = await reportsOf(candidate, ctx);
    const found = all.find((r): r is Report => !(r instanceof Error));
    if (found) return found;
    const failure = all.find((r): r is Error => r instanceof Error);
    if (failure) throw failure;
    return null;
  }
}

@Resolver(() => CandidateInterviewEdge)
export class CandidateInterviewEdgeResolver {
  @FieldResolver(() => InterviewType, {
    nullable: true,
    description: 'The interview; null when its vendor failed (the error names the provider).',
  })
  node(@Root() edge: MergedEdge): Interview {
    if (edge.interview instanceof Error) throw edge.interview;
    return edge.interview;
  }
}

/** Only finished interviews are asked for a report; a vendor failure stays an Error in its place. */
async function reportsOf(candidate: CandidateValue, ctx: GraphQLContext): Promise<Array<Report | Error>> {
  const interviews = await ctx.loaders.interviewByLocator.loadMany(candidate.refs.map((r) => entityRef(r.provider, r.locator)));
  const pending = interviews.map(async (interview): Promise<Report | Error | null> => {
    if (interview instanceof Error) return interview;
    if (!interview || interview.status !== InterviewStatus.COMPLETED) return null;
    try {
      return await ctx.loaders.reportForInterview(interview.provider, interview.locator);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  });
  const reports = (await Promise.all(pending)).filter((r): r is Report | Error => r !== null);
  const when = (r: Report | Error) => (r instanceof Error ? '' : (r.completedAt ?? r.createdAt ?? ''));
  return reports.sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0));
}

function decodeCandidateCursor(cursor: string | null | undefined): string | null {
  if (!cursor) return null;
  const parsed = decodeCursor(cursor);
  if (parsed && parsed[0] === CANDIDATE_LIST && typeof parsed[1] === 'string') return parsed[1];
  throw new BadUserInputError('Invalid cursor: pass an `endCursor` or edge `cursor` this list returned.');
}
