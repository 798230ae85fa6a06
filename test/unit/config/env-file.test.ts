/** `.env` fills in what the environment lacks and never overrides it, as Node's `--env-file`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withEnvFile } from '../../../src/config/env-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'env-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("fills in the file's variables under the environment's own, even an empty one", () => {
  const path = join(dir, '.env');
  writeFileSync(path, '# comment\nPORT=5000\nLOG_LEVEL=debug\nTENANT_ID="from-file"\nMICRO1_API_KEY=from-file\n');
  const { env, loaded } = withEnvFile({ PORT: '4001', MICRO1_API_KEY: '', OTHER: 'x' }, path);
  expect(loaded).toBe(path);
  expect(env).toEqual({ PORT: '4001', LOG_LEVEL: 'debug', TENANT_ID: 'from-file', MICRO1_API_KEY: '', OTHER: 'x' });
});

it('leaves the environment as it is when there is no file', () => {
  const real = { PORT: '4001' };
  expect(withEnvFile(real, join(dir, '.env'))).toEqual({ env: real, loaded: null });
});
