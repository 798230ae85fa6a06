import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { decodeGlobalId } from '../common/global-id';
import type { Interview, Report, TimeNote as TimeNoteValue } from '../../domain/model';
import { NotFoundError } from '../../errors/not-found.error';
import { entityRef } from '../../store/entity-ref';
import { globalIdOf, RAW_DESCRIPTION, rawOf, TIME_NOTES_DESCRIPTION, timeNotesOf } from '../common/entity-fields';
import { TimeNote } from '../common/time-note.type';
import { JSON as JSONScalar } from '../common/scalars';
import type { GraphQLContext } from '../context';
import { InterviewType } from '../interview/interview.type';
import { ReportType } from './report.type';

@Resolver(() => ReportType)
export class ReportResolver {
  @Query(() => ReportType, { nullable: true, description: 'One report by global id. Unknown ids give null with a NOT_FOUND error.' })
  async report(@Arg('id', () => ID, { description: 'Global id of a Report.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Report> {
    const { provider, locator } = decodeGlobalId(id, 'Report');
    const report = await ctx.loaders.reportByLocator.load(entityRef(provider, locator));
    if (!report) throw new NotFoundError(`No report with id "${id}".`, provider);
    return report;
  }

  @Query(() => ReportType, {
    nullable: true,
    description: 'The latest report of an interview; null (without error) while the vendor has none yet.',
  })
  reportForInterview(
    @Arg('interviewId', () => ID, { description: 'Global id of an Interview.' }) interviewId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Report | null> {
    const { provider, locator } = decodeGlobalId(interviewId, 'Interview');
    return ctx.loaders.reportForInterview(provider, locator);
  }

  @FieldResolver(() => ID, { description: 'Global id: `<provider>:Report:<id>`.' })
  id(@Root() report: Report): string {
    return globalIdOf(report);
  }

  @FieldResolver(() => InterviewType, { nullable: true, description: 'The interview this report evaluates.' })
  interview(@Root() report: Report, @Ctx() ctx: GraphQLContext): Promise<Interview | null> {
    return ctx.loaders.interviewByLocator.load(entityRef(report.provider, report.interviewLocator));
  }

  @FieldResolver(() => [TimeNote], { description: TIME_NOTES_DESCRIPTION })
  timeNotes(@Root() report: Report): TimeNoteValue[] {
    return timeNotesOf(report);
  }

  @FieldResolver(() => JSONScalar, { nullable: true, description: RAW_DESCRIPTION })
  raw(@Root() report: Report, @Ctx() ctx: GraphQLContext): unknown {
    return rawOf(report, ctx);
  }
}
