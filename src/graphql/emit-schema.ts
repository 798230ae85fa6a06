import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGatewaySchema } from './build-schema';
import { printGatewaySchema } from './print-schema';

/** `npm run schema:emit`: writes schema/schema.graphql. */
async function main(): Promise<void> {
  const target = join(__dirname, '..', '..', '..', 'schema', 'schema.graphql');
  writeFileSync(target, printGatewaySchema(await buildGatewaySchema()));
  process.stdout.write(`wrote ${target}\n`);
}

void main();
