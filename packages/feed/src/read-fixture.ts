import { readFileSync } from 'node:fs';

/** The text of a test fixture in ./fixtures (for tests only). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
