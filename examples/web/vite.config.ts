/**
 * The example frontend is served on its own port and reaches the gateway through Vite's proxy, so
 * the page and the API share one origin (no CORS_ORIGINS needed): `/graphql` over HTTP and, with
 * `ws`, graphql-ws subscriptions. GATEWAY_URL points the proxy elsewhere than `npm start`'s port.
 */
import { defineConfig } from 'vite';

const proxy = { '/graphql': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000', ws: true, changeOrigin: true } };

export default defineConfig({
  root: import.meta.dirname,
  server: { proxy },
  preview: { proxy },
});
