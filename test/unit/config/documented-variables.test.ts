/** Every variable config reads is in the README's table and in `.env.example`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

it('README and .env.example list every variable of the config schema', () => {
  const source = read('src/config/config.ts');
  const schema = source.slice(source.indexOf('const baseSchema = z.object({'), source.indexOf('});', source.indexOf('const baseSchema')));
  const variables = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
  expect(variables.length).toBeGreaterThan(40);
  const readmeTable = read('README.md')
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  const envExample = read('.env.example');
  expect(variables.filter((name) => !readmeTable.some((line) => line.includes(`\`${name}\``)))).toEqual([]);
  expect(variables.filter((name) => !new RegExp(`^${name}=`, 'm').test(envExample))).toEqual([]);
});
