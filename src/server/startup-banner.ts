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
  /** Sandbox mode's simulators; `completes`: it finishes sessions at `POST <url>/__sim/complete/<id>`. */
  simulators: Array<{ provider: Provider; url: string; completes: boolean }>;
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
    const finish = s.completes ? `  finish a session: POST ${s.url}/__sim/complete/<id>` : '';
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
