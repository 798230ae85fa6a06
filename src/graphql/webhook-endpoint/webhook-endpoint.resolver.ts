import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AuthError } from '../../errors/auth.error';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { ErrorCode } from '../../errors/error-code';
import { NotFoundError } from '../../errors/not-found.error';
import { OutboundInputError, type OutboundService } from '../../outbound/outbound.service';
import type { EndpointState, OutboundDelivery } from '../../outbound/outbound.types';
import { encodeLogCursor } from '../../outbound/outbox-store';
import type { ConnectionValue } from '../common/connection.type';
import type { GraphQLContext } from '../context';
import {
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookDeliveryType,
  WebhookEndpointType,
  WebhookEndpointWithSecret,
  WebhookEventType,
} from './webhook-endpoint.type';

const ADMIN_ONLY = 'Admin only: an admin API key (AUTH_ADMIN_API_KEYS), or a JWT with the admin scope (AUTH_JWT_ADMIN_SCOPE).';
const MAX_PAGE = 100;

/**
 * The tenant's outbound webhook endpoints and their delivery log. Every field here needs the admin
 * role; what it answers is never kept by the response cache.
 */
@Resolver()
export class WebhookEndpointResolver {
  @Query(() => [WebhookEndpointType], { description: `This tenant's outbound webhook endpoints, oldest first. ${ADMIN_ONLY}` })
  async webhookEndpoints(@Ctx() ctx: GraphQLContext): Promise<WebhookEndpointType[]> {
    const outbound = admin(ctx);
    return (await outbound.endpoints()).map(endpointOf);
  }

  @Query(() => WebhookDeliveryConnection, { description: `One endpoint's delivery log, newest first. ${ADMIN_ONLY}` })
  async webhookDeliveries(
    @Arg('endpointId', () => ID, { description: 'An endpoint of this tenant.' }) endpointId: string,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_PAGE}.` }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionValue<WebhookDeliveryType>> {
    const outbound = admin(ctx);
    if (first < 1 || first > MAX_PAGE) throw new BadUserInputError(`\`first\` must be 1 to ${MAX_PAGE}.`, { argument: 'first' });
    const page = await answer(() => outbound.deliveries(endpointId, status ?? null, first, after ?? null));
    return {
      edges: page.items.map((delivery) => ({ cursor: encodeLogCursor(delivery.createdAt, delivery.id), node: deliveryOf(delivery) })),
      pageInfo: { hasNextPage: page.endCursor !== null, hasPreviousPage: after !== null, startCursor: null, endCursor: page.endCursor },
    };
  }

  @Query(() => WebhookDeliveryType, { description: `One delivery, with its payload. ${ADMIN_ONLY}` })
  async webhookDelivery(
    @Arg('id', () => ID, { description: 'A delivery id (`dlv_…`).' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookDeliveryType> {
    const outbound = admin(ctx);
    return deliveryOf(await answer(() => outbound.delivery(id)));
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: `Registers a URL to receive events, signed with a new secret returned here once. Only events about changes received from now on are sent. ${ADMIN_ONLY}`,
  })
  async createWebhookEndpoint(
    @Arg('url', () => String, {
      description: 'https:// outside private and loopback ranges (http:// and local addresses too in sandbox mode); at most 2048 characters.',
    })
    url: string,
    @Arg('events', () => [WebhookEventType], { description: 'At least one.' }) events: WebhookEventType[],
    @Arg('description', () => String, { nullable: true, description: 'What it is for (at most 500 characters).' }) description: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointWithSecret> {
    const outbound = admin(ctx);
    const { state, secret } = await answer(() => outbound.createEndpoint({ url, events, description: description ?? null }));
    return { endpoint: endpointOf(state), secret };
  }

  @Mutation(() => WebhookEndpointType, { description: `Changes what is given; \`enabled: true\` turns a disabled endpoint back on. ${ADMIN_ONLY}` })
  async updateWebhookEndpoint(
    @Arg('id', () => ID, { description: 'The endpoint.' }) id: string,
    @Arg('url', () => String, { nullable: true, description: 'A new URL (checked as at creation).' }) url: string | null,
    @Arg('events', () => [WebhookEventType], { nullable: true, description: 'The new list of events (at least one).' }) events: WebhookEventType[] | null,
    @Arg('description', () => String, { nullable: true, description: 'A new description.' }) description: string | null,
    @Arg('enabled', () => Boolean, {
      nullable: true,
      description: '`true` turns a disabled endpoint back on (deliveries that failed meanwhile stay failed: `redeliverWebhook`); `false` stops sending to it.',
    })
    enabled: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointType> {
    const outbound = admin(ctx);
    const input = {
      ...(url == null ? {} : { url }),
      ...(events == null ? {} : { events }),
      ...(description === undefined ? {} : { description }),
      ...(enabled == null ? {} : { enabled }),
    };
    return endpointOf(await answer(() => outbound.updateEndpoint(id, input)));
  }

  @Mutation(() => ID, { description: `Deletes an endpoint and its delivery log; its pending deliveries are not sent. Returns its id. ${ADMIN_ONLY}` })
  async deleteWebhookEndpoint(@Arg('id', () => ID, { description: 'The endpoint.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    const outbound = admin(ctx);
    await answer(() => outbound.deleteEndpoint(id));
    return id;
  }

  @Mutation(() => WebhookEndpointWithSecret, {
    description: `A new signing secret, returned here once. The previous one keeps signing too (a second \`v1,\` signature) for \`previousSecretValidSeconds\`, so receivers can switch without a failed delivery. ${ADMIN_ONLY}`,
  })
  async rotateWebhookSecret(
    @Arg('id', () => ID, { description: 'The endpoint.' }) id: string,
    @Arg('previousSecretValidSeconds', () => Int, { defaultValue: 86_400, description: '0 to 604800; 0 stops the previous secret at once.' })
    previousSecretValidSeconds: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointWithSecret> {
    const outbound = admin(ctx);
    const { state, secret } = await answer(() => outbound.rotateSecret(id, previousSecretValidSeconds));
    return { endpoint: endpointOf(state), secret };
  }

  @Mutation(() => WebhookDeliveryType, {
    description: `Sends a delivered or failed delivery again, at once, with the same \`webhook-id\`. Its endpoint must be enabled. ${ADMIN_ONLY}`,
  })
  async redeliverWebhook(
    @Arg('deliveryId', () => ID, { description: 'A delivered or failed delivery (`dlv_…`).' }) deliveryId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookDeliveryType> {
    const outbound = admin(ctx);
    return deliveryOf(await answer(() => outbound.redeliver(deliveryId)));
  }
}

function admin(ctx: GraphQLContext): OutboundService {
  // Per principal and never shared: the response cache must not keep it.
  ctx.dependencies.refuse('webhook administration');
  if (!ctx.principal.admin) throw new AuthError(ErrorCode.FORBIDDEN, ADMIN_ONLY, `not admin: ${ctx.principal.clientId}`);
  return ctx.outbound;
}

async function answer<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof OutboundInputError)) throw error;
    if (error.notFound) throw new NotFoundError(error.message);
    throw new BadUserInputError(error.message, error.argument ? { argument: error.argument } : undefined);
  }
}

function endpointOf({ endpoint, disabledReason }: EndpointState): WebhookEndpointType {
  const previous = endpoint.secrets.find((s) => s.expiresAt !== null && s.expiresAt > Date.now());
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events as WebhookEventType[],
    enabled: disabledReason === null,
    disabledReason,
    previousSecretExpiresAt: previous?.expiresAt ? new Date(previous.expiresAt).toISOString() : null,
    createdAt: new Date(endpoint.createdAt).toISOString(),
    updatedAt: new Date(endpoint.updatedAt).toISOString(),
  };
}

function deliveryOf(d: OutboundDelivery): WebhookDeliveryType {
  const last = d.lastAttempt;
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.type as WebhookEventType,
    endpointId: d.endpointId,
    status: d.status as WebhookDeliveryStatus,
    attempts: d.attempts,
    changedAt: new Date(d.changedAt).toISOString(),
    createdAt: new Date(d.createdAt).toISOString(),
    nextAttemptAt: d.nextAttemptAt === null ? null : new Date(d.nextAttemptAt).toISOString(),
    lastAttemptAt: last ? new Date(last.at).toISOString() : null,
    responseStatus: last?.status ?? null,
    latencyMs: last ? last.latencyMs : null,
    error: last?.error ?? null,
    responseBody: last ? last.responseBody : null,
    payload: JSON.parse(d.payload) as unknown,
  };
}
