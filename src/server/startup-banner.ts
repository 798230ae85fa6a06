import type { Provider } from '../domain/provider';

export interface StartupBannerInput {
  /** Where clients reach the gateway, e.g. `http://localhost:4000`. */
  base: string;
  tenants: string[];
  /** GraphiQL is served (GRAPHQL_LANDING_PAGE). */
  graphiql: boolean;
  /** The dotenv file read, if any. */
  envFile: string | null;
  /** Each accepted webhook URL; `url` holds the token only where it is no secret (sandbox mode). */
  webhooks: Array<{ tenant: string; provider: Provider; url: string }>;
  /** Sandbox mode's simulators; `completes`: it finishes sessions at `POST <url>/__sim/complete/<id>` (see `sessionFinishing`). */
  simulators: Array<{ provider: Provider; url: string } & SessionFinishing>;
  /** CACHE_TTL_ACTIVE_SECONDS: how long the gateway keeps an unfinished interview before asking its vendor again. */
  activeTtlSeconds: number;
}

/** How a simulator's finished session reaches the gateway. */
export interface SessionFinishing {
  /** `POST <url>/__sim/complete/<id>` finishes a session. */
  completes: boolean;
  /** The simulator sends the vendor's webhooks; false: the gateway sees the change when it reads the session again. */
  webhooks: boolean;
}

/**
 * A simulator that sends webhooks needs the tenant's token for them to reach the gateway (else the
 * banner does not offer it); one whose vendor sends none finishes sessions all the same.
 */
export function sessionFinishing(
  simulator: { deliverWebhooks?: unknown; simulateCompletion?: unknown },
  webhookToken: string | null | undefined,
): SessionFinishing {
  const webhooks = Boolean(simulator.deliverWebhooks);
  return { completes: Boolean(simulator.simulateCompletion && (!webhooks || webhookToken)), webhooks };
}

/**
 * One log line that says where everything is: the first line of `message` is the classic
 * "ready at" line, the rest a short aligned block for a terminal; `fields` carries the same for JSON.
 */
export function startupBanner(input: StartupBannerInput): { fields: Record<string, unknown>; message: string } {
  const graphql = `${input.base}/graphql`;
  const graphiql = input.graphiql ? `${input.base}/graphiql` : null;
  const several = input.tenants.length > 1;
  const lines = [`GraphQL gateway ready at ${graphql}`];
  const row = (label: string, text: string) => lines.push(`  ${label.padEnd(11)} ${text}`);
  if (graphiql) row('GraphiQL', graphiql);
  const width = Math.max(0, ...input.simulators.map((s) => s.provider.length), ...input.webhooks.map((w) => w.provider.length));
  for (const [i, s] of input.simulators.entries()) {
    // Without webhooks the gateway's copy of an unfinished interview lives out its TTL: said, lest the demo look broken.
    const unseen = s.webhooks ? '' : ` (no webhooks: the gateway sees it once its cached copy expires, by id within ${input.activeTtlSeconds} s)`;
    const finish = s.completes ? `  finish a session: POST ${s.url}/__sim/complete/<id>${unseen}` : '';
    row(i === 0 ? 'simulators' : '', `${s.provider.padEnd(width)}  ${s.url}${finish}`);
  }
  for (const [i, w] of input.webhooks.entries()) {
    row(i === 0 ? 'webhooks' : '', `${several ? `${w.tenant} ` : ''}${w.provider.padEnd(width)}  POST ${w.url}`);
  }
  if (input.envFile) row('.env', `${input.envFile} (the environment's own values win)`);

  const webhooks: Record<string, Record<string, string>> = {};
  for (const w of input.webhooks) webhooks[w.tenant] = { ...webhooks[w.tenant], [w.provider]: w.url };
  return {
    fields: {
      graphql,
      graphiql,
      tenants: input.tenants,
      ...(input.simulators.length > 0 ? { simulators: Object.fromEntries(input.simulators.map((s) => [s.provider, s.url])) } : {}),
      webhooks,
      envFile: input.envFile,
    },
    message: lines.join('\n'),
  };
}
