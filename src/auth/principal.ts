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
