import { ProviderEnum } from '../common/enums';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { decodeGlobalId } from '../common/global-id';
import type { Interview, InterviewTemplate } from '../../domain/model';
import type { Provider } from '../../domain/provider';
import { NotFoundError } from '../../errors/not-found.error';
import { entityRef } from '../../store/entity-ref';
import type { ProviderConnectionValue } from '../common/connection.type';
import { decodeFeedCursor, feedSignature } from '../common/feed-cursor';
import { feedProviders } from '../common/feed-providers';
import { checkFirst, decodeListCursor, toConnection } from '../common/cursor';
import { globalIdOf, RAW_DESCRIPTION, rawOf } from '../common/entity-fields';
import { PagingArgs } from '../common/paging.args';
import { JSON as JSONScalar } from '../common/scalars';
import type { GraphQLContext } from '../context';
import { InterviewFilterArgs } from '../interview/interview.args';
import { InterviewConnection } from '../interview/interview-connection.type';
import { listInterviews } from '../interview/interview.resolver';
import { feedConnection } from '../interview/interview-feed';
import { InterviewTemplateConnection } from './template-connection.type';
import { InterviewTemplateType } from './template.type';
import { Tag } from '../../response-cache/response-tags';

const TEMPLATE_LIST = 'interviewTemplates';

@ArgsType()
class InterviewTemplatesArgs extends PagingArgs {
  @Field(() => ProviderEnum, {
    nullable: true,
    description:
      "One vendor's live list, in the vendor's order, straight from its API. Omit it for every configured vendor's templates in one order (newest first).",
  })
  provider?: Provider | null;

  @Field(() => [ProviderEnum], { nullable: true, description: 'Only these vendors, merged in one order (default: every configured vendor).' })
  providers?: Provider[] | null;
}

@Resolver(() => InterviewTemplateType)
export class InterviewTemplateResolver {
  @Query(() => InterviewTemplateType, { nullable: true, description: 'One interview template by global id. Unknown ids give null with a NOT_FOUND error.' })
  async interviewTemplate(
    @Arg('id', () => ID, { description: 'Global id of an InterviewTemplate.' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InterviewTemplate> {
    const { provider, locator } = decodeGlobalId(id, 'InterviewTemplate');
    const template = await ctx.loaders.templateByLocator.load(entityRef(provider, locator));
    if (!template) throw new NotFoundError(`No interview template with id "${id}".`, provider);
    return template;
  }

  @Query(() => InterviewTemplateConnection, {
    nullable: true,
    description:
      "Interview templates of every configured vendor, newest first (ties by id), from the read model and loaded through the cache; a template whose vendor fails keeps its place with `node: null` and an error naming the provider. With `provider`: that vendor's live list in its own order (null, with an error naming the provider, when the vendor fails).",
  })
  async interviewTemplates(@Args() args: InterviewTemplatesArgs, @Ctx() ctx: GraphQLContext): Promise<ProviderConnectionValue<InterviewTemplate>> {
    if (args.provider && !args.providers) {
      const after = decodeListCursor(args.after, TEMPLATE_LIST, args.provider);
      const page = await ctx.loaders.listTemplates(args.provider, { first: checkFirst(args.first), after });
      return toConnection(TEMPLATE_LIST, args.provider, page, args.after);
    }
    const first = checkFirst(args.first);
    const providers = feedProviders(ctx, args.provider, args.providers);
    const signature = feedSignature(TEMPLATE_LIST, ctx.tenantId, { providers });
    ctx.dependencies.depend(...providers.map(Tag.templates));
    const page = await ctx.readModel.templates({ providers, first, after: decodeFeedCursor(args.after, signature) });
    const loaded = await ctx.loaders.templateByLocator.loadMany(page.items.map((item) => entityRef(item.value.provider, item.value.locator)));
    return feedConnection(page, signature, Boolean(args.after), (_, i) => loaded[i]);
  }

  @FieldResolver(() => ID, { description: 'Global id: `<provider>:InterviewTemplate:<id>`.' })
  id(@Root() template: InterviewTemplate): string {
    return globalIdOf(template);
  }

  @FieldResolver(() => InterviewConnection, { nullable: true, description: 'Interviews created from this template; null when the vendor fails.' })
  interviews(@Root() template: InterviewTemplate, @Args() args: InterviewFilterArgs, @Ctx() ctx: GraphQLContext): Promise<ProviderConnectionValue<Interview>> {
    return listInterviews(ctx, template.provider, {
      first: args.first,
      after: args.after ?? null,
      status: args.status ?? null,
      templateLocator: template.locator,
    });
  }

  @FieldResolver(() => JSONScalar, { nullable: true, description: RAW_DESCRIPTION })
  raw(@Root() template: InterviewTemplate, @Ctx() ctx: GraphQLContext): unknown {
    return rawOf(template, ctx);
  }
}
