export interface Principal {
  tenantId: string;
  /** Log-safe (`key:<8 hex of its digest>`, `jwt:<sub>`); never the secret. */
  clientId: string;
  via: 'api-key' | 'jwt' | 'open';
}
