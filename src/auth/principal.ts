export interface Principal {
  tenantId: string;
  /** Log-safe (`key:<8 hex of its digest>`, `jwt:<sub>`); never the secret. */
  clientId: string;
  /** `system`: the gateway itself (rendering outbound webhook events). */
  via: 'api-key' | 'jwt' | 'open' | 'system';
  /**
   * Who may see what a response to this principal shows: responses are shared only between equal
   * scopes (the response cache keys by it). One per credential today: the API key's full digest,
   * the JWT's issuer and subject (a token without `sub`: the token itself), or `open`.
   */
  scope: string;
  /**
   * May manage the tenant's outbound webhook endpoints: an admin API key (`AUTH_ADMIN_API_KEYS`,
   * `adminApiKeys`), a JWT whose `scope`/`scp` holds `AUTH_JWT_ADMIN_SCOPE`, or open access in
   * sandbox mode (the simulators' data, on the developer's machine).
   */
  admin: boolean;
}

/** Who a per-client limit counts: the credential (its tenant and scope), or the IP for open access. */
export function clientOf(principal: Principal, ip: string): string {
  return principal.via === 'open' ? `${principal.tenantId}:ip:${ip}` : `${principal.tenantId}:${principal.scope}`;
}
