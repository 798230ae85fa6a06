import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { decodeGlobalId } from '../common/global-id';
import type { Report } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { entityRef } from '../../store/entity-ref';
import { FeedOrder } from '../../readmodel/feed-order';
import { createProviderConnectionType, type ProviderConnectionValue } from '../common/connection.type';
import { checkFirst } from '../common/cursor';
import { decodeFeedCursor, feedSignature } from '../common/feed-cursor';
import { feedProviders } from '../common/feed-providers';
import type { GraphQLContext } from '../context';
import { feedConnection } from '../interview/interview-feed';
import { ReportOrder, ReportsArgs } from './report-feed.args';
import { ReportType } from './report.type';
import { Tag } from '../../response-cache/response-tags';

export const ReportConnection = createProviderConnectionType(
  ReportType,
  'Report',
  'A page of completed reports across providers, in the order asked for (the read model), each loaded through the cache.',
);

@Resolver()
export class ReportFeedResolver {
  @Query(() => ReportConnection, {
    nullable: true,
    description:
      "Completed reports across every configured vendor in one order with one cursor: newest first, or by comparable score (`SCORE_DESC`: only PERCENT scores are ordered by value; reports on a label ladder or an undocumented scale follow in completion order, and `minScore` never matches them). Answered from the read model, then loaded through the cache; a report whose vendor fails keeps its place with `node: null` and an error naming the provider. While a vendor's first sync pass is unfinished, the response says so in `extensions.indexIncomplete`.",
  })
  async reports(@Args() args: ReportsArgs, @Ctx() ctx: GraphQLContext): Promise<ProviderConnectionValue<Report>> {
    const first = checkFirst(args.first);
    const providers = feedProviders(ctx, args.provider, args.providers);
    const orderBy = args.orderBy ?? ReportOrder.COMPLETED_AT_DESC;
    if (args.minScore !== null && args.minScore !== undefined && !(args.minScore >= 0 && args.minScore <= 100)) {
      throw new BadUserInputError(`\`minScore\` is on 0–100 (got ${args.minScore}).`, { argument: 'minScore' });
    }
    let template: { provider: Report['provider']; locator: string } | null = null;
    if (args.templateId) {
      template = decodeGlobalId(args.templateId, 'InterviewTemplate');
      if (!providers.includes(template.provider)) {
        throw new BadUserInputError(`templateId belongs to ${template.provider}, which this list does not include.`, { argument: 'templateId' });
      }
    }
    const completedAfter = args.completedAfter ? args.completedAfter.getTime() : null;
    const minScore = args.minScore ?? null;
    const signature = feedSignature('reports', ctx.tenantId, { orderBy, providers, template, completedAfter, minScore });
    ctx.dependencies.depend(...providers.map(Tag.interviews));
    const page = await ctx.readModel.reports({
      providers,
      order: orderBy === ReportOrder.SCORE_DESC ? FeedOrder.SCORE : FeedOrder.REPORT_COMPLETED,
      template,
      completedAfter,
      minScore,
      first,
      after: decodeFeedCursor(args.after, signature),
    });
    const loaded = await ctx.loaders.reportByLocator.loadMany(page.items.map((item) => entityRef(item.value.provider, item.value.reportLocator as string)));
    return feedConnection(page, signature, Boolean(args.after), (_, i) => loaded[i]);
  }
}
