/**
 * Hive Gateway (`@graphql-hive/gateway`) as the router over our subgraph (the gateway on the simulators,
 * client keys on). In-process (`createGatewayRuntime`) with the committed deploy/hive/gateway.config.ts
 * header propagation, our subgraph composed with the test-only ATS subgraph that owns Candidate: a query
 * starting in the ATS crosses into our graph; without the caller's key our subgraph refuses and no vendor
 * is called. Then the `hive-gateway` CLI as the compose file runs it: from deploy/hive, config found
 * there, serving deploy/supergraph.graphql. The Apollo Gateway counterpart is test/e2e/federation.test.ts.
 */
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { parse, type GraphQLFormattedError } from 'graphql';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { propagateHeaders } from '../../deploy/hive/gateway.config';
import { createPeople } from '../../src/vendors/kit/sandbox/data/people';
import { VENDORS } from '../../src/vendors/vendors';
import { startAtsSubgraph, type AtsSubgraph } from '../support/ats-subgraph';
import { startHarness, type Harness } from '../support/harness';
import { composeSupergraph } from '../support/supergraph';

const KEY = 'hive-router-client-key-0001';
const people = createPeople();
const person = people[1];

type Answer = { data: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };

async function sdlOf(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  return ((await response.body.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
}

let ours: Harness;
let ats: AtsSubgraph;
let gateway: ReturnType<typeof createGatewayRuntime>;

async function viaHive(query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await gateway.fetch('http://hive.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Answer;
}

beforeAll(async () => {
  ours = await startHarness({ env: { AUTH_API_KEYS: KEY } });
  await ours.app.tenant().identitySync.runAll();
  ats = await startAtsSubgraph({
    candidates: [{ atsId: 'ats-1', email: person.email.toUpperCase(), fullName: `${person.firstName} ${person.lastName}`, stage: 'onsite' }],
    applications: [],
  });
  const supergraph = composeSupergraph([
    { name: 'ats', sdl: await sdlOf(ats.url), url: ats.url },
    { name: 'interviews', sdl: await sdlOf(`${ours.url}/graphql`, { 'x-api-key': KEY }), url: `${ours.url}/graphql` },
  ]);
  gateway = createGatewayRuntime({ supergraph: parse(supergraph), propagateHeaders, logging: false });
}, 30_000);

afterAll(async () => {
  await gateway?.dispose();
  await ats?.close();
  await ours?.close();
});

const CROSSING = `{
  atsCandidates {
    atsId stage email
    accounts { provider }
    interviews(first: 50) { edges { provider node { id status report { id score { value } } } } }
  }
}`;

it("joins the ATS's Candidate with our interviews, the caller's key passed on to our subgraph", async () => {
  const direct = await ours
    .as({ 'x-api-key': KEY })
    .query(
      `{ candidate(email: ${JSON.stringify(person.email)}) { accounts { provider } interviews(first: 50) { edges { provider node { id status report { id score { value } } } } } } }`,
    );
  expect(direct.errors).toBeUndefined();
  const expected = direct.data!.candidate as { accounts: unknown; interviews: { edges: Array<{ provider: string }> } };
  expect(new Set(expected.interviews.edges.map((e) => e.provider))).toEqual(new Set(VENDORS.map((v) => v.descriptor.provider)));

  const result = await viaHive(CROSSING, { 'x-api-key': KEY });
  expect(result.errors).toBeUndefined();
  const [row] = result.data!.atsCandidates as Array<Record<string, unknown>>;
  expect(row).toEqual({ atsId: 'ats-1', stage: 'onsite', email: person.email.toUpperCase(), accounts: expected.accounts, interviews: expected.interviews });
}, 30_000);

it("without the caller's key our subgraph refuses the entity fetch (UNAUTHENTICATED from `interviews`) and no vendor is called", async () => {
  ours.resetCalls();
  const result = await viaHive(CROSSING);
  // `accounts` is non-null, so the refused fields null the whole list (GraphQL's null propagation).
  expect(result.data).toBeNull();
  expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.serviceName, e.path])).toEqual([
    ['UNAUTHENTICATED', 'interviews', ['atsCandidates', 'accounts']],
  ]);
  expect(ours.totalCalls()).toBe(0);
}, 30_000);

/** A port free a moment ago (the Hive CLI logs `:0` when given port 0, so it is handed a real one). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

it('the hive-gateway CLI, as the compose file runs it (deploy/hive, its config found there), serves deploy/supergraph.graphql', async () => {
  // The committed supergraph routes to `http://gateway:4000/graphql` (the compose service): here, to the harness.
  const dir = mkdtempSync(join(tmpdir(), 'hive-cli-'));
  const supergraphFile = join(dir, 'supergraph.graphql');
  const committed = readFileSync(join(__dirname, '..', '..', 'deploy', 'supergraph.graphql'), 'utf8');
  expect(committed).toContain('url: "http://gateway:4000/graphql"');
  writeFileSync(supergraphFile, committed.replace('http://gateway:4000/graphql', `${ours.url}/graphql`));
  const port = await freePort();
  const bin = require.resolve('@graphql-hive/gateway/package.json').replace(/package\.json$/, 'dist/bin.js');
  let cli: ChildProcess | undefined;
  try {
    cli = spawn(process.execPath, [bin, 'supergraph', supergraphFile, '--port', String(port), '--host', '127.0.0.1'], {
      cwd: join(__dirname, '..', '..', 'deploy', 'hive'),
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Listening on')) resolve();
      };
      cli!.stdout!.on('data', onData);
      cli!.stderr!.on('data', onData);
      cli!.once('exit', (code) => reject(new Error(`hive-gateway exited (${code}):\n${log}`)));
    });
    expect(log).toContain('deploy/hive/gateway.config.ts');

    const query = `{ candidate(email: ${JSON.stringify(person.email)}) { accounts { provider } } }`;
    const answer = async (headers: Record<string, string>) => {
      const response = await request(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return (await response.body.json()) as Answer;
    };
    const direct = await ours.as({ 'x-api-key': KEY }).query(query);
    expect(await answer({ 'x-api-key': KEY })).toEqual({ data: direct.data });
    // Bearer works too: the config propagates `authorization` as well.
    expect(await answer({ authorization: `Bearer ${KEY}` })).toEqual({ data: direct.data });
  } finally {
    if (cli && cli.exitCode === null) {
      const exited = once(cli, 'exit');
      cli.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
