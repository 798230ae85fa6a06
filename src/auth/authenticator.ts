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
  private readonly adminDigests = new Set<string>();
  private readonly tenantIds: ReadonlySet<string>;
  private readonly verifyJwt: ((token: string) => Record<string, unknown>) | null;

  constructor(
    private readonly tenants: readonly TenantConfig[],
    private readonly auth: Config['auth'],
    private readonly logger: Logger,
  ) {
    for (const tenant of tenants) for (const digest of tenant.clientKeyDigests) this.tenantByDigest.set(digest, tenant.id);
    for (const tenant of tenants) for (const digest of tenant.adminKeyDigests) this.adminDigests.add(digest);
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

  /**
   * The credential headers of an HTTP request, every copy of each (`IncomingMessage.rawHeaders`):
   * Node's `headers` keeps only the first of repeated Authorization headers and joins repeated
   * custom ones, which would hide a second credential that a proxy in front may have read instead.
   */
  credentialsIn(rawHeaders: readonly string[]): CredentialCarrier {
    const names = ['authorization', this.auth.apiKeyHeader];
    const carrier: Record<string, string[]> = {};
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const raw = rawHeaders[i];
      for (const name of names) {
        if (raw.length !== name.length || raw.toLowerCase() !== name) continue;
        carrier[name] = [...(carrier[name] ?? []), rawHeaders[i + 1]];
      }
    }
    return carrier;
  }

  /** What a 401 answer's `WWW-Authenticate` header says. */
  get challenge(): string {
    return 'Bearer realm="interview-graph"';
  }

  /**
   * One credential per request, wherever it comes from (a socket's upgrade headers and its
   * `connectionParams` are both carriers): two that differ are refused (400 BAD_REQUEST, RFC 6750
   * §2) before either is checked, since which one names the caller would be a guess. The same API
   * key sent twice (in the key header and as a bearer token) is one credential.
   */
  authenticate(...carriers: CredentialCarrier[]): Principal {
    const apiKeys = new Set(carriers.flatMap((c) => headerValues(c, this.auth.apiKeyHeader)));
    const bearers = new Set(carriers.flatMap((c) => headerValues(c, 'authorization').flatMap((v) => bearerToken(v) ?? [])));
    const distinct = new Set([...apiKeys, ...bearers]).size;
    if (distinct > 1) {
      throw new AuthError(
        ErrorCode.BAD_REQUEST,
        `Send one credential, not ${distinct}: an API key in ${this.auth.apiKeyHeader} or Authorization: Bearer <token>.`,
        `${apiKeys.size} API key(s) and ${bearers.size} bearer token(s)`,
      );
    }
    const [apiKey] = apiKeys;
    const [bearer] = bearers;
    if (apiKey !== undefined) return this.byApiKey(apiKey);
    if (bearer !== undefined) return bearer.split('.').length === 3 ? this.byJwt(bearer) : this.byApiKey(bearer);
    if (this.auth.open) return this.openPrincipal();
    throw new AuthError(
      ErrorCode.UNAUTHENTICATED,
      `Authentication required: send an API key in the ${this.auth.apiKeyHeader} header${this.auth.jwt ? ' or a JWT as Authorization: Bearer <token>' : ''}.`,
      'no credential',
    );
  }

  private byApiKey(key: string): Principal {
    if (this.auth.open) return this.openPrincipal();
    const digest = sha256Hex(key);
    const tenantId = this.tenantByDigest.get(digest);
    if (tenantId === undefined) throw new AuthError(ErrorCode.UNAUTHENTICATED, 'The API key is not valid.', 'unknown API key');
    return { tenantId, clientId: `key:${digest.slice(0, 8)}`, via: 'api-key', scope: `key:${digest}`, admin: this.adminDigests.has(digest) };
  }

  private byJwt(token: string): Principal {
    const { jwt } = this.auth;
    if (!this.verifyJwt || !jwt) {
      if (this.auth.open) return this.openPrincipal();
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
    return { tenantId, clientId: `jwt:${subject}`, via: 'jwt', scope: `jwt:${sha256Hex(scope)}`, admin: hasScope(claims, jwt.adminScope) };
  }

  /** Admin only in sandbox mode: AUTH_ALLOW_OPEN serves real vendor data, and must not let anyone add endpoints that receive it. */
  private openPrincipal(): Principal {
    return { tenantId: this.tenants[0].id, clientId: 'anonymous', via: 'open', scope: 'open', admin: this.auth.open === 'sandbox' };
  }
}

/** OAuth 2 `scope` (space-separated, RFC 8693 §4.2) or `scp` (a list, or a string, as Azure AD and Okta issue it). */
function hasScope(claims: Record<string, unknown>, wanted: string): boolean {
  const granted = [claims.scope, claims.scp].flatMap((claim) => (Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(' ') : []));
  return granted.includes(wanted);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** Every value of the header `name` (lower-case) under any spelling of it, blank ones left out. */
function headerValues(carrier: CredentialCarrier, name: string): string[] {
  // Node lower-cases HTTP header names; graphql-ws connectionParams are the client's own object.
  const values: string[] = [];
  for (const key in carrier) {
    if (key.length === name.length && key.toLowerCase() === name) values.push(...credentialValues(carrier[key]));
  }
  return values;
}

function credentialValues(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' && v.trim() !== '' ? [v.trim()] : []));
}
