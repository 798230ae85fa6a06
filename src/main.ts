import 'reflect-metadata';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { withEnvFile } from './config/env-file';
import { startSandbox } from './sandbox/start-sandbox';
import { createLogger, prettyOnTerminal } from './server/logger';
import { sessionFinishing, startupBanner, type StartupBannerInput } from './server/startup-banner';
import { VENDORS } from './vendors/vendors';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  // `.env` in the working directory, under the real environment (as `.env.example` suggests).
  const { env, loaded: envFile } = withEnvFile(process.env);
  try {
    config = loadConfig(
      env,
      VENDORS.map((v) => v.descriptor),
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel, prettyOnTerminal(process.stdout));

  const sandbox = config.sandbox.enabled
    ? await startSandbox(VENDORS, {
        seed: config.sandbox.seed,
        interviews: config.sandbox.interviews,
        knobs: { latencyMs: config.sandbox.latencyMs },
        basePort: config.sandbox.portBase ?? undefined,
      })
    : null;
  if (sandbox) {
    // Each tenant still has its own cache keys, index, webhook tokens and events.
    config = { ...config, tenants: config.tenants.map((tenant) => ({ ...tenant, vendors: sandbox.vendorConfig })) };
    logger.warn(
      {
        reason: config.sandbox.reason === 'forced' ? 'SANDBOX=true' : 'no vendor API key is set',
      },
      'SANDBOX MODE: serving built-in vendor simulators with fake data, not the real vendors. Set <VENDOR>_API_KEY to use a real vendor.',
    );
  }

  const app = await createApp(config, { logger });
  for (const tenant of app.tenants.values()) tenant.identitySync.start();
  const address = await app.server.listen({ port: config.port, host: config.host });
  const base = address.replace('0.0.0.0', 'localhost');
  const webhooks: StartupBannerInput['webhooks'] = [];
  for (const tenant of app.tenants.values()) {
    for (const adapter of tenant.registry.configured()) {
      if (!adapter.parseWebhook) continue;
      const { provider } = adapter.descriptor;
      const token = tenant.webhookTokens[provider];
      const setting = config.tenancy === 'file' ? `vendors.${provider.toLowerCase()}.webhookToken in TENANTS_FILE` : `${provider}_WEBHOOK_TOKEN`;
      // A real token is a secret: the banner names where it is set instead. Sandbox tokens are random and local.
      if (token) webhooks.push({ tenant: tenant.id, provider, url: `${base}/webhooks/${provider.toLowerCase()}/${sandbox ? token : `<${setting}>`}` });
      else logger.warn({ tenant: tenant.id }, `webhooks for ${provider} are refused: set ${setting}`);
    }
  }

  if (sandbox) {
    // The simulators call the (first) tenant's webhook URLs, so the local demo shows live updates.
    const port = (app.server.server.address() as { port: number }).port;
    for (const [provider, simulator] of sandbox.simulators) {
      const token = app.tenant().webhookTokens[provider];
      if (simulator.deliverWebhooks && token) simulator.deliverWebhooks(`http://127.0.0.1:${port}/webhooks/${provider.toLowerCase()}/${token}`);
    }
  }
  const banner = startupBanner({
    base,
    tenants: [...app.tenants.keys()],
    graphiql: config.graphql.landingPage,
    envFile,
    webhooks,
    simulators: [...(sandbox?.simulators.values() ?? [])].map((s) => ({
      provider: s.provider,
      url: s.url,
      ...sessionFinishing(s, app.tenant().webhookTokens[s.provider]),
    })),
    activeTtlSeconds: config.cache.ttl.activeSeconds,
  });
  logger.info({ address, banner: banner.fields }, banner.message);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    await app.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
