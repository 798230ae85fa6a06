import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_MARKERS, replaceBetween, vendorEnvExample, vendorReadmeTable } from './config/vendor-variables';
import { VENDORS } from './vendors/vendors';

/** `npm run docs:vendors`: rewrites the per-vendor variables of docs/configuration.md and .env.example from the vendor list. */
function main(): void {
  const root = join(__dirname, '..', '..');
  const descriptors = VENDORS.map((v) => v.descriptor);
  const files: Array<[string, { start: string; end: string }, string]> = [
    ['docs/configuration.md', GENERATED_MARKERS.readme, vendorReadmeTable(descriptors)],
    ['.env.example', GENERATED_MARKERS.envExample, vendorEnvExample(descriptors)],
  ];
  for (const [name, markers, body] of files) {
    const path = join(root, name);
    writeFileSync(path, replaceBetween(readFileSync(path, 'utf8'), markers, body));
    process.stdout.write(`wrote the vendor variables of ${path}\n`);
  }
}

main();
