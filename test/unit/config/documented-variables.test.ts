/** Every variable config reads is in the configuration table (docs/configuration.md) and in `.env.example`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_MARKERS, replaceBetween, vendorEnvExample, vendorEnvNames, vendorReadmeTable } from '../../../src/config/vendor-variables';
import { VENDORS } from '../../../src/vendors/vendors';
import { baseConfigVariables } from '../../support/config-variables';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

it('README and .env.example list every variable of the config schema', () => {
  const variables = baseConfigVariables();
  expect(variables.length).toBeGreaterThan(40);
  const readmeTable = read('docs/configuration.md')
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  const envExample = read('.env.example');
  expect(variables.filter((name) => !readmeTable.some((line) => line.includes(`\`${name}\``)))).toEqual([]);
  expect(variables.filter((name) => !new RegExp(`^${name}=`, 'm').test(envExample))).toEqual([]);
});

it("README and .env.example show every registered vendor's variables as the vendor list generates them", () => {
  const descriptors = VENDORS.map((v) => v.descriptor);
  const hint = 'run `npm run docs:vendors` after changing a vendor descriptor';
  for (const [path, markers, body] of [
    ['docs/configuration.md', GENERATED_MARKERS.readme, vendorReadmeTable(descriptors)],
    ['.env.example', GENERATED_MARKERS.envExample, vendorEnvExample(descriptors)],
  ] as const) {
    const text = read(path);
    expect({ path, hint, text: replaceBetween(text, markers, body) }).toEqual({ path, hint, text });
  }
  // And each variable config reads for a vendor is among them.
  for (const descriptor of descriptors) {
    const names = vendorEnvNames(descriptor.provider);
    for (const name of [names.apiKey, names.baseUrl, names.rateLimit, ...(descriptor.options ?? []).map((o) => `${names.prefix}${o.name}`)]) {
      expect(read('.env.example')).toMatch(new RegExp(`^(# )?${name}=`, 'm'));
    }
  }
});
