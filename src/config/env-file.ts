import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The environment with a dotenv file's values under it, as Node's `--env-file` does: a variable the
 * real environment has (even empty) keeps its value; the file only fills in the others. No file:
 * the environment as it is. Parsed by Node itself (`util.parseEnv`), so the syntax is Node's.
 */
export function withEnvFile(env: NodeJS.ProcessEnv, path = '.env'): { env: NodeJS.ProcessEnv; loaded: string | null } {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { env, loaded: null };
    throw error;
  }
  return { env: { ...parseEnv(text), ...env }, loaded: file };
}
