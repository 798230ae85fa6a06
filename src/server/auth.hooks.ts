import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CloseCode } from 'graphql-ws';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { AuthError } from '../errors/auth.error';
import { currentRequest } from '../observability/request-context';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication pre-handler of `/graphql`. */
    principal: Principal | null;
  }
}

type SocketContext = {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: { request: FastifyRequest; socket: { close(code: number, reason: string): void } };
};

/**
 * A pre-handler, so a refused request costs no parsing. Sockets authenticate at `connection_init`:
 * browsers cannot set WebSocket headers, so the credential may come in `connectionParams`.
 */
export function registerAuthentication(server: FastifyInstance, authenticator: Authenticator) {
  server.decorateRequest('principal', null);
  const sockets = new WeakMap<object, Principal>();

  const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    // A WebSocket upgrade authenticates at connection_init instead (below).
    if (request.ws) return undefined;
    try {
      request.principal = authenticator.authenticate(authenticator.credentialsIn(request.raw.rawHeaders));
      const context = currentRequest();
      if (context) context.tenantId = request.principal.tenantId;
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      request.log.info({ code: error.code, reason: error.detail?.reason }, 'request refused: not authenticated');
      if (error.status === 401) void reply.header('www-authenticate', authenticator.challenge);
      // Returning the reply tells Fastify the handler must not run.
      return reply
        .code(error.status)
        .type('application/json; charset=utf-8')
        .send({ errors: [{ message: error.message, extensions: { code: error.code } }] });
    }
    return undefined;
  };

  return {
    preHandler,
    onSocketConnect: (ctx: SocketContext): boolean => {
      try {
        sockets.set(ctx, authenticator.authenticate(authenticator.credentialsIn(ctx.extra.request.raw.rawHeaders), ctx.connectionParams ?? {}));
        return true;
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        ctx.extra.request.log.info({ code: error.code, reason: error.detail?.reason }, 'subscription refused: not authenticated');
        // graphql-ws closes a refused socket with 4403 Forbidden; a malformed one gets 4400 and the
        // reason (a close reason holds at most 123 bytes).
        if (error.status === 400) ctx.extra.socket.close(CloseCode.BadRequest, error.message.slice(0, 123));
        return false;
      }
    },
    principalOf(request: FastifyRequest): Principal {
      if (!request.principal) throw new Error('request reached GraphQL without authentication');
      return request.principal;
    },
    principalOfSocket(ctx: SocketContext): Principal {
      const principal = sockets.get(ctx);
      if (!principal) throw new Error('socket reached GraphQL without authentication');
      return principal;
    },
  };
}
