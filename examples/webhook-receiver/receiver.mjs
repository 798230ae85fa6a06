#!/usr/bin/env node
// A receiver for the gateway's outbound webhooks that verifies every delivery with the public
// Standard Webhooks library (https://github.com/standard-webhooks/standard-webhooks), not the
// gateway's own code. Run it with the secret `createWebhookEndpoint` returned:
//
//   WEBHOOK_SECRET=whsec_… node examples/webhook-receiver/receiver.mjs
//
// It listens on PORT (default 8787) at any path and prints one JSON line per delivery:
// {"verified":true,"type":"report.ready","id":"msg_…",…} — or {"verified":false,…} with a 400.
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the secret createWebhookEndpoint (or rotateWebhookSecret) returned.');
  process.exit(2);
}
const webhook = new Webhook(secret);
const port = Number(process.env.PORT ?? 8787);
const maxBytes = 1024 * 1024;

const server = createServer((request, response) => {
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBytes) request.destroy();
    else chunks.push(chunk);
  });
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      // Checks the signature (any of the `v1,` ones) and that webhook-timestamp is within 5 minutes.
      const event = webhook.verify(body, request.headers);
      const subject = event.data?.report ?? event.data?.interview ?? event.data?.candidate ?? {};
      console.log(
        JSON.stringify({
          verified: true,
          id: request.headers['webhook-id'],
          type: event.type,
          timestamp: event.timestamp,
          provider: event.data?.provider,
          subject: subject.id ?? subject.email ?? null,
          change: event.data?.change?.id,
        }),
      );
      response.writeHead(204).end();
    } catch (error) {
      console.log(JSON.stringify({ verified: false, id: request.headers['webhook-id'] ?? null, reason: error.message }));
      response.writeHead(400, { 'content-type': 'text/plain' }).end('signature not verified');
    }
  });
});

server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
  const { port: listening } = server.address();
  console.log(JSON.stringify({ listening: `http://127.0.0.1:${listening}/webhooks` }));
});
