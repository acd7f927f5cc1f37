/**
 * No regular expression in production code backtracks super-linearly
 * (`pnpm lint` runs this after check-architecture.ts; exit 1 on any). The
 * services read hostile feeds and pages: `<p\b[^>]*>` on "<p<p<p..." scans to
 * the end of the text once per "<p", a page of a megabyte takes minutes, and
 * one group repeated around a lazy one (`(?:<!--[\s\S]*?-->\s*)*`) tries
 * exponentially many ways. eslint-plugin-regexp's super-linear rules (in
 * eslint.config.js) are heuristics that miss the first kind; recheck decides
 * each expression by automaton analysis, or by fuzzing where look-arounds
 * and back-references rule that out, and names an attack string.
 *
 * Checked: every regular expression literal in the production files of every
 * workspace (as check-architecture.ts reads them: tests, fixtures and test
 * helpers left out), and in the patched Readability that runs on every
 * fetched page (patches/). A regular expression built at run time
 * (`new RegExp(...)`) is not seen; `pnpm bench:hostile` and `pnpm fuzz`
 * measure what no static check can.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'recheck';
import ts from 'typescript';
import { productionFiles, readWorkspaces, ROOT } from './check-architecture.js';

export interface RegexpLiteral {
  /** Relative to the repository root, with the line: "packages/feed/src/text.ts:16". */
  where: string;
  source: string;
  flags: string;
}

export interface RegexpFinding extends RegexpLiteral {
  status: 'vulnerable' | 'unknown';
  /** What recheck found: the complexity and an attack string, or why it could not decide. */
  detail: string;
}

/** Analysis time allowed per expression; one that runs out is reported as undecided, not as a failure. */
const TIMEOUT_MS = 20_000;
/**
 * The fuzzer's own clocks switched off (its step limits stay): with them, a
 * busy machine cut its search and its attack runs short and the verdict on
 * one expression changed from run to run (a linear headline pattern called
 * quadratic under load). Without them the verdict depends only on the
 * expression and the fixed seed.
 */
const NO_CLOCKS = { incubationTimeout: null, seedingTimeout: null, attackTimeout: null } as const;
/** Expressions analysed at once (recheck runs them in one native process). */
const CONCURRENCY = 8;

/** Every regular expression literal of one JavaScript or TypeScript file. */
export function regexpLiterals(file: string, root = ROOT): RegexpLiteral[] {
  const text = readFileSync(file, 'utf8');
  const kind = file.endsWith('.js') || file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: RegexpLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(sourceFile);
      const slash = literal.lastIndexOf('/');
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      found.push({ where: `${path.relative(root, file)}:${line}`, source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The files checked: our production code and the patched Readability. */
export function checkedFiles(root = ROOT): string[] {
  const readability = createRequire(path.join(root, 'packages/extract/package.json')).resolve('@mozilla/readability/Readability.js');
  return [...readWorkspaces(root).flatMap((workspace) => productionFiles(workspace, root)), readability];
}

/** The literals recheck finds vulnerable, or cannot decide on, in `files`. */
export async function checkRegexps(files: readonly string[], root = ROOT): Promise<{ checked: number; findings: RegexpFinding[] }> {
  const unique = new Map<string, RegexpLiteral>();
  for (const file of files) {
    for (const literal of regexpLiterals(file, root)) {
      // `g` and `y` change where a match starts, not how it backtracks.
      const flags = literal.flags.replace(/[gy]/g, '');
      const key = `${flags}/${literal.source}`;
      if (!unique.has(key)) unique.set(key, { ...literal, flags });
    }
  }
  const literals = [...unique.values()];
  const findings: RegexpFinding[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let literal = literals[next++]; literal !== undefined; literal = literals[next++]) {
      const verdict = await check(literal.source, literal.flags, { timeout: TIMEOUT_MS, ...NO_CLOCKS });
      if (verdict.status === 'vulnerable') {
        findings.push({ ...literal, status: 'vulnerable', detail: `${verdict.complexity.summary}; attack: ${verdict.attack.pattern.slice(0, 120)}` });
      } else if (verdict.status === 'unknown') {
        findings.push({ ...literal, status: 'unknown', detail: verdict.error.kind });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { checked: literals.length, findings: findings.sort((a, b) => a.where.localeCompare(b.where)) };
}

async function main(): Promise<void> {
  const { checked, findings } = await checkRegexps(checkedFiles());
  for (const finding of findings) {
    const what = finding.status === 'vulnerable' ? 'super-linear' : 'undecided (not a failure)';
    console.log(`${finding.where} /${finding.source.slice(0, 100)}/${finding.flags}: ${what}, ${finding.detail}`);
  }
  const vulnerable = findings.filter((finding) => finding.status === 'vulnerable').length;
  if (vulnerable > 0) {
    console.log(`check-regexps: ${vulnerable} of ${checked} regular expressions backtrack super-linearly (rewrite them: see the file's comment)`);
    process.exitCode = 1;
    return;
  }
  console.log(`check-regexps: none of ${checked} regular expressions backtracks super-linearly`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
