import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { AuthError } from '../errors/auth.error';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication pre-handler of `/graphql`. */
    principal: Principal | null;
  }
}

/** The graphql-ws connection context (only its identity matters here). */
type SocketContext = { connectionParams?: Readonly<Record<string, unknown>>; extra: { request: FastifyRequest } };

/**
 * Authentication in front of `/graphql`: over HTTP a pre-handler, so a refused request costs no
 * parsing; over graphql-ws at `connection_init` (browsers cannot set WebSocket headers, so the
 * credential may come in `connectionParams`, e.g. `{ "x-api-key": "…" }`; the upgrade request's
 * headers count too). Refused: HTTP 401/403 with a GraphQL error body and `WWW-Authenticate`;
 * a socket is closed with 4403.
 */
export function registerAuthentication(server: FastifyInstance, authenticator: Authenticator) {
  server.decorateRequest('principal', null);
  const sockets = new WeakMap<object, Principal>();

  const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    // A WebSocket upgrade authenticates at connection_init instead (below).
    if (request.ws) return undefined;
    try {
      request.principal = authenticator.authenticate(request.headers);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      request.log.info({ code: error.code, reason: error.detail?.reason }, 'request refused: not authenticated');
      if (error.status === 401) void reply.header('www-authenticate', authenticator.challenge);
      // Returning the reply tells Fastify the request ends here (the handler never runs).
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
        sockets.set(ctx, authenticator.authenticate({ ...ctx.extra.request.headers, ...ctx.connectionParams }));
        return true;
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        ctx.extra.request.log.info({ code: error.code, reason: error.detail?.reason }, 'subscription refused: not authenticated');
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
