import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '@tidings/config';

/**
 * The README's configuration table is a contract (the documented environment
 * variables): it lists every variable the configuration reads (CONFIG_VARIABLES,
 * which `tidings --help` prints) and nothing else, with the same defaults
 * where the table gives a literal one.
 */
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const rows = new Map([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]*) \|/gm)].map((match) => [match[1]!, match[2]!.trim()]));

describe("the README's configuration table", () => {
  it('lists exactly the variables the configuration reads', () => {
    expect([...rows.keys()].sort()).toEqual(CONFIG_VARIABLES.map((variable) => variable.name).sort());
  });

  it('gives the defaults the configuration has, where it writes one literally', () => {
    const literal = (cell: string) => /^`([^`]*)`/.exec(cell)?.[1];
    const documented = CONFIG_VARIABLES.flatMap((variable) => {
      const cell = literal(rows.get(variable.name) ?? '');
      return cell === undefined ? [] : [[variable.name, cell]];
    });
    expect(documented.length).toBeGreaterThan(30);
    // `--help` may explain a default after it: "0 (keep forever)".
    const help = (name: string) => CONFIG_VARIABLES.find((variable) => variable.name === name)!.default.replace(/ \(.*\)$/, '');
    expect(documented).toEqual(documented.map(([name]) => [name, help(name!)]));
  });
});
