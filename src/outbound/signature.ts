import { createHmac, randomBytes } from 'node:crypto';
import type { EndpointSecret } from './outbound.types';

const PREFIX = 'whsec_';

/** 24 random bytes, as `whsec_<base64>`: the form Standard Webhooks libraries (and Svix's) take. */
export function newSecret(): string {
  return `${PREFIX}${randomBytes(24).toString('base64')}`;
}

/**
 * The Standard Webhooks headers for one attempt: `webhook-signature` is `v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">` under every secret still signing (during a rotation, the new and the
 * old one), space-separated, so a receiver holding either verifies.
 */
export function signedHeaders(eventId: string, body: string, secrets: readonly EndpointSecret[], nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signatures = secrets
    .filter((s) => s.expiresAt === null || s.expiresAt > nowMs)
    .map(
      (s) =>
        `v1,${createHmac('sha256', Buffer.from(s.secret.slice(PREFIX.length), 'base64'))
          .update(`${eventId}.${timestamp}.${body}`)
          .digest('base64')}`,
    );
  return { 'webhook-id': eventId, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
