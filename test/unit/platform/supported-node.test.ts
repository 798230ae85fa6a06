/**
 * The Node lines package.json `engines` names are the ones the installed tree accepts: `npm ci` on
 * the oldest release of each line prints no EBADENGINE, the Docker image runs a supported line
 * that CI also tests on, and the tree has no unmet or overridden peer dependency (`npm ls` exits 0,
 * so no ERESOLVE either). A dependency bump that pulls in a package wanting a newer Node fails here
 * with the package's name, instead of as install noise nobody reads.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { minVersion, Range, satisfies } from 'semver';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const supported: string = JSON.parse(read('package.json')).engines.node;
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } }>;
};
/** The built gateway (production dependencies, as the Docker image installs them) runs on Node 20 from this release. */
const RUNTIME_FLOOR = '20.18.1';

/** The major of every `FROM node:<major>…` in the Dockerfile: build and runtime stages alike. */
const dockerMajors = [...read('Dockerfile').matchAll(/^FROM node:(\d+)\S*/gm)].map((m) => Number(m[1]));
/** The first release of each line `engines` names: `^20.18.1 || >=24` → 20.18.1, 24.0.0. */
const oldestOfEachLine = new Range(supported).set.map((comparators) => minVersion(new Range(comparators.join(' ')))?.version);

/** `name@version (range)` of each locked package whose `engines.node` rejects `node`. */
function rejecting(node: string, only: 'all' | 'runtime' = 'all'): string[] {
  const names = Object.entries(lock.packages)
    .filter(([path, meta]) => path !== '' && !(only === 'runtime' && meta.dev) && meta.engines?.node && !satisfies(node, meta.engines.node))
    .map(([path, meta]) => `${path.slice(path.lastIndexOf('node_modules/') + 13)}@${meta.version} (${meta.engines?.node})`);
  return [...new Set(names)].sort();
}

it.each(oldestOfEachLine)('every locked package accepts Node %s, the oldest release engines allows on its line', (node) => {
  expect(node).toBeDefined();
  expect(rejecting(node as string)).toEqual([]);
});

it(`the built gateway's production dependencies accept Node ${RUNTIME_FLOOR} (the development tools, Vite among them, need 20.19)`, () => {
  expect(rejecting(RUNTIME_FLOOR, 'runtime')).toEqual([]);
});

it("the Docker image runs one supported line, every locked package accepts it, and CI's second run tests it", () => {
  expect(dockerMajors.length).toBeGreaterThanOrEqual(2);
  expect(new Set(dockerMajors).size).toBe(1);
  const line = `${dockerMajors[0]}.0.0`;
  expect({ line, supported, accepted: satisfies(line, supported) }).toEqual({ line, supported, accepted: true });
  expect(rejecting(line)).toEqual([]);
  expect(read('.ci/run')).toMatch(new RegExp(`\\bnode@${dockerMajors[0]}\\b`));
});

it('the installed tree has no missing, invalid or overridden-peer dependency (npm ls --all exits 0)', async () => {
  const run = promisify(execFile);
  const result = await run('npm', ['ls', '--all', '--json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).then(
    () => ({ problems: [] as string[] }),
    (error: { stdout?: string }) => ({ problems: (JSON.parse(error.stdout || '{}').problems as string[] | undefined) ?? [String(error)] }),
  );
  expect(result).toEqual({ problems: [] });
});
