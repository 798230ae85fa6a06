import { type Algorithm, createVerifier, TokenError } from 'fast-jwt';
import type { Logger } from 'pino';
import type { Config, TenantConfig } from '../config/config';
import { sha256Hex } from '../infra/secret';
import { AuthError } from '../errors/auth.error';
import { ErrorCode } from '../errors/error-code';
import type { Principal } from './principal';

/** Clock skew allowed for `exp` / `nbf`, in ms. */
const CLOCK_TOLERANCE_MS = 5_000;

/** Headers (or graphql-ws `connectionParams`) as received; names in any case. */
export type CredentialCarrier = Record<string, unknown>;

/** API keys are looked up by digest (the key itself is never kept); a JWT must carry `exp`. Throws AuthError. */
export class Authenticator {
  private readonly tenantByDigest = new Map<string, string>();
  private readonly tenantIds: ReadonlySet<string>;
  private readonly verifyJwt: ((token: string) => Record<string, unknown>) | null;

  constructor(
    private readonly tenants: readonly TenantConfig[],
    private readonly auth: Config['auth'],
    private readonly logger: Logger,
  ) {
    for (const tenant of tenants) for (const digest of tenant.clientKeyDigests) this.tenantByDigest.set(digest, tenant.id);
    this.tenantIds = new Set(tenants.map((t) => t.id));
    const { jwt } = auth;
    this.verifyJwt = jwt
      ? createVerifier({
          key: jwt.key,
          algorithms: jwt.algorithms as Algorithm[],
          ...(jwt.issuer ? { allowedIss: jwt.issuer } : {}),
          ...(jwt.audience ? { allowedAud: jwt.audience } : {}),
          requiredClaims: ['exp'],
          clockTolerance: CLOCK_TOLERANCE_MS,
          cache: 1000,
        })
      : null;
  }

  /** What a 401 answer's `WWW-Authenticate` header says. */
  get challenge(): string {
    return 'Bearer realm="interview-graph"';
  }

  authenticate(carrier: CredentialCarrier): Principal {
    const apiKey = header(carrier, this.auth.apiKeyHeader);
    const bearer = bearerToken(header(carrier, 'authorization'));
    if (apiKey !== undefined) return this.byApiKey(apiKey);
    if (bearer !== undefined) return bearer.split('.').length === 3 ? this.byJwt(bearer) : this.byApiKey(bearer);
    if (this.auth.open) return openPrincipal(this.tenants[0].id);
    throw new AuthError(
      ErrorCode.UNAUTHENTICATED,
      `Authentication required: send an API key in the ${this.auth.apiKeyHeader} header${this.auth.jwt ? ' or a JWT as Authorization: Bearer <token>' : ''}.`,
      'no credential',
    );
  }

  private byApiKey(key: string): Principal {
    if (this.auth.open) return openPrincipal(this.tenants[0].id);
    const digest = sha256Hex(key);
    const tenantId = this.tenantByDigest.get(digest);
    if (tenantId === undefined) throw new AuthError(ErrorCode.UNAUTHENTICATED, 'The API key is not valid.', 'unknown API key');
    return { tenantId, clientId: `key:${digest.slice(0, 8)}`, via: 'api-key', scope: `key:${digest}` };
  }

  private byJwt(token: string): Principal {
    const { jwt } = this.auth;
    if (!this.verifyJwt || !jwt) {
      if (this.auth.open) return openPrincipal(this.tenants[0].id);
      throw new AuthError(ErrorCode.UNAUTHENTICATED, 'JWTs are not accepted here; send an API key.', 'JWT without JWT config');
    }
    let claims: Record<string, unknown>;
    try {
      claims = this.verifyJwt(token);
    } catch (error) {
      const code = error instanceof TokenError ? error.code : 'unknown';
      this.logger.info({ reason: code }, 'JWT refused');
      const expired = code === TokenError.codes.expired;
      throw new AuthError(ErrorCode.UNAUTHENTICATED, expired ? 'The token has expired.' : 'The token is not valid.', String(code));
    }
    const claimed = claims[jwt.tenantClaim];
    const only = this.tenants.length === 1 ? this.tenants[0].id : null;
    let tenantId: string;
    if (claimed === undefined && only !== null) tenantId = only;
    else if (typeof claimed === 'string' && this.tenantIds.has(claimed)) tenantId = claimed;
    else {
      throw new AuthError(
        ErrorCode.FORBIDDEN,
        claimed === undefined ? `The token names no tenant (claim "${jwt.tenantClaim}").` : 'The token is for a tenant this gateway does not serve.',
        `tenant claim ${JSON.stringify(claimed)}`.slice(0, 120),
      );
    }
    const subject = typeof claims.sub === 'string' ? claims.sub.slice(0, 64) : 'unknown';
    const scope = typeof claims.sub === 'string' ? JSON.stringify([claims.iss ?? null, claims.sub]) : token;
    return { tenantId, clientId: `jwt:${subject}`, via: 'jwt', scope: `jwt:${sha256Hex(scope)}` };
  }
}

const openPrincipal = (tenantId: string): Principal => ({ tenantId, clientId: 'anonymous', via: 'open', scope: 'open' });

export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** Case-insensitive (`name` is lower-case); the first of several. */
function header(carrier: CredentialCarrier, name: string): string | undefined {
  // Node lower-cases HTTP header names: look the name up first, scan only for other spellings
  // (graphql-ws connectionParams are the client's own object).
  const exact = credentialValue(carrier[name]);
  if (exact !== undefined) return exact;
  for (const key in carrier) {
    if (key === name || key.length !== name.length || key.toLowerCase() !== name) continue;
    const found = credentialValue(carrier[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function credentialValue(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}
