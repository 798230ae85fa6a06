/** Who a request acts for, as the authenticator established it. */
export interface Principal {
  /** Every loader, index entry, write and subscription of the request is scoped to this tenant. */
  tenantId: string;
  /** A log-safe name of the credential (`key:<8 hex of its digest>`, `jwt:<sub>`, `anonymous`); never the secret. */
  clientId: string;
  via: 'api-key' | 'jwt' | 'open';
}
