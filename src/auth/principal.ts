export interface Principal {
  tenantId: string;
  /** Log-safe (`key:<8 hex of its digest>`, `jwt:<sub>`); never the secret. */
  clientId: string;
  via: 'api-key' | 'jwt' | 'open';
  /**
   * Who may see what a response to this principal shows: responses are shared only between equal
   * scopes (the response cache keys by it). One per credential today: the API key's full digest,
   * the JWT's issuer and subject (a token without `sub`: the token itself), or `open`.
   */
  scope: string;
}

/** Who a per-client limit counts: the credential (its tenant and scope), or the IP for open access. */
export function clientOf(principal: Principal, ip: string): string {
  return principal.via === 'open' ? `${principal.tenantId}:ip:${ip}` : `${principal.tenantId}:${principal.scope}`;
}
