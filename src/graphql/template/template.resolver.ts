import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { decodeGlobalId } from '../../domain/global-id';
import type { Interview, InterviewTemplate } from '../../domain/model';
import { Provider } from '../../domain/provider';
import { NotFoundError } from '../../errors/not-found.error';
import { refKey } from '../../loaders/entity-ref';
import type { ConnectionValue } from '../common/connection.type';
import { checkFirst, decodeCursor, toConnection } from '../common/cursor';
import { globalIdOf, RAW_DESCRIPTION, rawOf } from '../common/entity-fields';
import { PagingArgs } from '../common/paging.args';
import { JSON } from '../common/scalars';
import type { GraphQLContext } from '../context';
import { InterviewFilterArgs } from '../interview/interview.args';
import { InterviewConnection } from '../interview/interview-connection.type';
import { listInterviews } from '../interview/interview.resolver';
import { InterviewTemplateConnection } from './template-connection.type';
import { InterviewTemplateType } from './template.type';

const TEMPLATE_LIST = 'interviewTemplates';

@ArgsType()
class InterviewTemplatesArgs extends PagingArgs {
  @Field(() => Provider, { description: 'The vendor to list.' })
  provider!: Provider;
}

@Resolver(() => InterviewTemplateType)
export class InterviewTemplateResolver {
  @Query(() => InterviewTemplateType, { nullable: true, description: 'One interview template by global id. Unknown ids give null with a NOT_FOUND error.' })
  async interviewTemplate(@Arg('id', () => ID, { description: 'Global id of an InterviewTemplate.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<InterviewTemplate> {
    const { provider, locator } = decodeGlobalId(id, 'InterviewTemplate');
    const template = await ctx.loaders.templateByLocator.load(refKey(provider, locator));
    if (!template) throw new NotFoundError(`No interview template with id "${id}".`, provider);
    return template;
  }

  @Query(() => InterviewTemplateConnection, {
    nullable: true,
    description: "A page of one provider's interview templates. Null (with an error naming the provider) when the vendor fails.",
  })
  async interviewTemplates(@Args() args: InterviewTemplatesArgs, @Ctx() ctx: GraphQLContext): Promise<ConnectionValue<InterviewTemplate>> {
    const after = decodeCursor(args.after, TEMPLATE_LIST, args.provider);
    const page = await ctx.loaders.listTemplates(args.provider, { first: checkFirst(args.first), after });
    return toConnection(TEMPLATE_LIST, args.provider, page, args.after);
  }

  @FieldResolver(() => ID, { description: 'Global id: `<provider>:InterviewTemplate:<id>`.' })
  id(@Root() template: InterviewTemplate): string {
    return globalIdOf(template);
  }

  @FieldResolver(() => InterviewConnection, { nullable: true, description: 'Interviews created from this template; null when the vendor fails.' })
  interviews(@Root() template: InterviewTemplate, @Args() args: InterviewFilterArgs, @Ctx() ctx: GraphQLContext): Promise<ConnectionValue<Interview>> {
    return listInterviews(ctx, template.provider, { first: args.first, after: args.after ?? null, status: args.status ?? null, templateLocator: template.locator });
  }

  @FieldResolver(() => JSON, { nullable: true, description: RAW_DESCRIPTION })
  raw(@Root() template: InterviewTemplate, @Ctx() ctx: GraphQLContext): unknown {
    return rawOf(template, ctx);
  }
}
