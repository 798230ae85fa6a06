import type { FastifyRequest } from 'fastify';
import { clientOf, type Principal } from '../auth/principal';
import { ErrorCode } from '../errors/error-code';
import { GatewayError } from '../errors/gateway.error';

/** What graphql-ws gives its hooks: the connection's context. */
interface SocketContext {
  subscriptions: Record<string | number | symbol, unknown>;
  extra: { request: FastifyRequest; socket: { close(code?: number, reason?: string): void } };
}

/** graphql-ws's close code for a refused `connection_init`; its client retries it after a backoff. */
const FORBIDDEN = 4403;

/**
 * Caps on what one client holds open on `/graphql`'s WebSocket: connections per client (`clientOf`:
 * the credential, or the IP for open access; the client rate limit's unit), subscriptions per connection.
 * A connection over the cap is closed 4403 "Too many connections…" at `connection_init`; a
 * subscription over it gets the protocol's `error` message (TOO_MANY_SUBSCRIPTIONS), the socket
 * and its other subscriptions stay.
 */
export function createSocketLimits(limits: { maxConnectionsPerClient: number; maxSubscriptionsPerConnection: number }) {
  const open = new Map<string, number>();
  const clientOfSocket = new WeakMap<object, string>();

  return {
    /** After authentication; false when the socket was closed for being over the cap. */
    admit(ctx: SocketContext, principal: Principal): boolean {
      const client = clientOf(principal, ctx.extra.request.ip);
      const count = open.get(client) ?? 0;
      if (count >= limits.maxConnectionsPerClient) {
        ctx.extra.request.log.info({ client: principal.via === 'open' ? 'ip' : principal.clientId }, 'subscription socket refused: too many connections');
        ctx.extra.socket.close(FORBIDDEN, `Too many connections for this client (at most ${limits.maxConnectionsPerClient})`);
        return false;
      }
      open.set(client, count + 1);
      clientOfSocket.set(ctx, client);
      return true;
    },
    /** graphql-ws has entered the new subscription's id before this hook runs. */
    subscribing(ctx: SocketContext): GatewayError[] | undefined {
      if (Object.keys(ctx.subscriptions).length <= limits.maxSubscriptionsPerConnection) return undefined;
      return [
        new GatewayError(
          ErrorCode.TOO_MANY_SUBSCRIPTIONS,
          `This connection already has ${limits.maxSubscriptionsPerConnection} subscriptions; complete one or open another connection.`,
          { extensions: { maxSubscriptions: limits.maxSubscriptionsPerConnection } },
        ),
      ];
    },
    closed(ctx: SocketContext): void {
      const client = clientOfSocket.get(ctx);
      if (client === undefined) return;
      clientOfSocket.delete(ctx);
      const count = (open.get(client) ?? 1) - 1;
      if (count > 0) open.set(client, count);
      else open.delete(client);
    },
  };
}
