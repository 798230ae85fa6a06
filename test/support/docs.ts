import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The README and every page under `docs/`, one after the other: where the documented examples live. */
export function documentation(): string {
  const pages = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join('docs', name));
  return ['README.md', ...pages].map((path) => readFileSync(join(ROOT, path), 'utf8')).join('\n');
}
