import type { Logger } from 'pino';
import type { Provider } from '../domain/provider';
import { sameSecret } from '../infra/secret';
import { webhookFailure, type WebhookOutcome, type WebhookService } from './webhook.service';

export interface WebhookTenant {
  id: string;
  webhookTokens: Partial<Record<Provider, string>>;
  webhooks: WebhookService;
}

/**
 * No vendor signs its webhooks, so the URL token is the credential and picks the tenant. All tokens
 * are compared in constant time, so timing tells nothing about which tenant came close.
 */
export class WebhookRouter {
  constructor(
    private readonly tenants: readonly WebhookTenant[],
    private readonly logger: Logger,
  ) {}

  async handle(provider: Provider, token: string, body: unknown): Promise<WebhookOutcome> {
    const receiving = this.tenants.filter((t) => t.webhooks.receives(provider));
    if (receiving.length === 0) return webhookFailure(404, 'NOT_FOUND', `No webhooks are received for ${provider} here.`);
    let owner: WebhookTenant | undefined;
    for (const tenant of receiving) {
      const expected = tenant.webhookTokens[provider];
      if (expected !== undefined && sameSecret(token, expected) && !owner) owner = tenant;
    }
    if (!owner) {
      this.logger.warn({ provider }, 'webhook refused: wrong token');
      return webhookFailure(401, 'UNAUTHORIZED', 'Unknown webhook URL.');
    }
    return owner.webhooks.handle(provider, body);
  }
}
