import { decodeGlobalId } from '../common/global-id';
import type { Interview } from '../../domain/model';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { entityRef } from '../../store/entity-ref';
import { FeedOrder } from '../../readmodel/feed-order';
import type { FeedPage } from '../../readmodel/read-model';
import type { InterviewSummary } from '../../domain/interview-summary';
import type { ProviderConnectionValue } from '../common/connection.type';
import { checkFirst } from '../common/cursor';
import { decodeFeedCursor, encodeFeedCursor, feedSignature } from '../common/feed-cursor';
import { feedProviders } from '../common/feed-providers';
import type { GraphQLContext } from '../context';
import { candidateKey } from '../candidate/candidate.value';
import { InterviewOrder, type InterviewsArgs } from './interview.args';
import { Tag } from '../../response-cache/response-tags';

const ORDER: Record<InterviewOrder, FeedOrder.UPDATED | FeedOrder.COMPLETED | FeedOrder.INVITED> = {
  [InterviewOrder.UPDATED_AT_DESC]: FeedOrder.UPDATED,
  [InterviewOrder.COMPLETED_AT_DESC]: FeedOrder.COMPLETED,
  [InterviewOrder.INVITED_AT_DESC]: FeedOrder.INVITED,
};

export function wantsInterviewFeed(args: InterviewsArgs): boolean {
  return (
    !args.provider ||
    Boolean(args.providers) ||
    Boolean(args.orderBy) ||
    Boolean(args.updatedAfter) ||
    Boolean(args.updatedBefore) ||
    (args.candidateEmail !== null && args.candidateEmail !== undefined)
  );
}

/** An interview whose vendor fails keeps its place with an error; one the vendor no longer has is left out. */
export async function interviewFeed(ctx: GraphQLContext, args: InterviewsArgs): Promise<ProviderConnectionValue<Interview>> {
  const first = checkFirst(args.first);
  const providers = feedProviders(ctx, args.provider, args.providers);
  const orderBy = args.orderBy ?? InterviewOrder.UPDATED_AT_DESC;
  let template: { provider: Interview['provider']; locator: string } | null = null;
  if (args.templateId) {
    const decoded = decodeGlobalId(args.templateId, 'InterviewTemplate');
    if (!providers.includes(decoded.provider)) {
      throw new BadUserInputError(`templateId belongs to ${decoded.provider}, which this list does not include.`, { argument: 'templateId' });
    }
    template = decoded;
  }
  let email: string | null = null;
  if (args.candidateEmail !== null && args.candidateEmail !== undefined) {
    email = candidateKey(args.candidateEmail);
    if (!email) throw new BadUserInputError('`candidateEmail` must be an email address.', { argument: 'candidateEmail' });
  }
  const updatedAfter = args.updatedAfter ? args.updatedAfter.getTime() : null;
  const updatedBefore = args.updatedBefore ? args.updatedBefore.getTime() : null;
  const filters = { orderBy, providers, status: args.status ?? null, template, updatedAfter, updatedBefore, email };
  const signature = feedSignature('interviews', ctx.tenantId, filters);
  const after = decodeFeedCursor(args.after, signature);
  ctx.dependencies.depend(...providers.map(Tag.interviews));
  const page = await ctx.readModel.interviews({
    providers,
    order: ORDER[orderBy],
    status: args.status ?? null,
    template,
    updatedAfter,
    updatedBefore,
    email,
    first,
    after,
  });
  const loaded = await ctx.loaders.interviewByLocator.loadMany(page.items.map((item) => entityRef(item.value.provider, item.value.locator)));
  return feedConnection(page, signature, Boolean(args.after), (_, i) => loaded[i]);
}

/** `node(summary, i)`: the loaded object, null (gone) or an Error. */
export function feedConnection<T, S extends { provider: Interview['provider'] } = InterviewSummary>(
  page: FeedPage<S>,
  signature: string,
  hasPrevious: boolean,
  node: (summary: S, index: number) => T | null | Error,
): ProviderConnectionValue<T> {
  const edges = page.items.flatMap((item, i) => {
    const value = node(item.value, i);
    return value === null ? [] : [{ cursor: encodeFeedCursor(signature, item.position), provider: item.value.provider, node: value }];
  });
  // The cursor of the last item read, even when the vendor no longer has it: the next page starts after it.
  const last = page.items[page.items.length - 1];
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNext,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: last ? encodeFeedCursor(signature, last.position) : null,
    },
    totalCount: page.total,
  };
}
