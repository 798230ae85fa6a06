import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGatewaySchema, buildSubgraphGatewaySchema } from './graphql/build-schema';
import { printGatewaySchema, printSubgraphSdl } from './graphql/print-schema';
import { VENDORS } from './vendors/vendors';

/** `npm run schema:emit`: writes schema/schema.graphql (the API) and schema/subgraph.graphql (the Federation 2 SDL). */
async function main(): Promise<void> {
  const dir = join(__dirname, '..', '..', 'schema');
  const files: Array<[string, string]> = [
    ['schema.graphql', printGatewaySchema(await buildGatewaySchema(VENDORS))],
    ['subgraph.graphql', await printSubgraphSdl(await buildSubgraphGatewaySchema(VENDORS))],
  ];
  for (const [name, sdl] of files) {
    writeFileSync(join(dir, name), sdl);
    process.stdout.write(`wrote ${join(dir, name)}\n`);
  }
}

void main();
