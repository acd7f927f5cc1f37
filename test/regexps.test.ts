import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRegexps, regexpLiterals } from '../infra/scripts/check-regexps.js';

/**
 * infra/scripts/check-regexps.ts (which `pnpm lint` runs over the
 * repository) is shown here to catch the kinds of expression it is for, on
 * a file written for the test, and to pass their linear rewrites.
 */
describe('check-regexps', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tidings-regexps-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads every regular expression literal of a file, with its line and flags', () => {
    const file = path.join(root, 'literals.ts');
    writeFileSync(file, "const a = /x+y/gi;\nconst text = '/not a regexp/';\nexport const b = [/<p\\b[^<>]*>/u];\n");
    expect(regexpLiterals(file, root)).toEqual([
      { where: 'literals.ts:1', source: 'x+y', flags: 'gi' },
      { where: 'literals.ts:3', source: '<p\\b[^<>]*>', flags: 'u' },
    ]);
  });

  it('finds the quadratic and the exponential expressions, and passes their linear rewrites', async () => {
    const file = path.join(root, 'hostile.ts');
    writeFileSync(
      file,
      [
        // Quadratic on "<p<p<p...": each "<p" scans to the end for a ">".
        'export const quadratic = /<p\\b[^>]*>/gi;',
        'export const linear = /<p\\b[^<>]*>/gi;',
        // Exponential: a repeated group around a lazy one, on a row of comments that reaches no root.
        'export const exponential = /^\\s*(?:<!--[\\s\\S]*?-->\\s*)*<rss/i;',
        'export const plain = /^<rss\\b/i;',
      ].join('\n'),
    );
    const { checked, findings } = await checkRegexps([file], root);
    expect(checked).toBe(4);
    expect(findings.map((finding) => [finding.where, finding.status])).toEqual([
      ['hostile.ts:1', 'vulnerable'],
      ['hostile.ts:3', 'vulnerable'],
    ]);
  });
});
