/**
 * `pnpm bench:startup`: how long the CLI takes to start, compiled (plain
 * `node services/cli/dist/main.js`, what the `tidings` executable runs) and
 * from the TypeScript sources through tsx (what `pnpm tidings` runs), for
 * `--help` and for `extract --json` on one vendored page (by default the
 * smallest; the command also starts its worker thread). Each command runs
 * once to warm the file cache, then N times one after the other; the table
 * gives the median and the fastest run of the wall time from spawn to exit,
 * beside the targets for the compiled build.
 * Not a test: numbers depend on the machine and on what else it is running
 * (the load average is printed with them).
 *
 *   pnpm build && pnpm bench:startup [--runs N] [page.html.gz]
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compiledMain = path.join(root, 'services/cli/dist/main.js');
const sourceMain = path.join(root, 'services/cli/src/main.ts');
const pagesDir = path.join(root, 'test/fixtures/article-extraction');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const pageArg = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--runs');
// By default the smallest vendored page: the figure is start-up, not extraction work on a large page.
const page = pageArg ?? smallestPage();

function smallestPage(): string {
  const pages = readdirSync(pagesDir)
    .filter((name) => name.endsWith('.html.gz'))
    .map((name) => path.join(pagesDir, name));
  return pages.sort((a, b) => statSync(a).size - statSync(b).size || a.localeCompare(b))[0]!;
}

if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive whole number, got ${args[runsAt + 1]}`);
if (!existsSync(compiledMain)) {
  console.error(`bench:startup: ${path.relative(root, compiledMain)} is missing: run \`pnpm build\` first`);
  process.exit(1);
}

interface Case {
  name: string;
  args: string[];
  /** Longest median allowed for the compiled build (the start-up targets). */
  targetMs: number;
}

const cases: Case[] = [
  { name: 'tidings --help', args: ['--help'], targetMs: 250 },
  { name: `tidings extract <page> --json`, args: ['extract', page, '--json'], targetMs: 400 },
];

/** How each build starts: as the `tidings` executable does, and as `pnpm tidings` does (without pnpm's own start-up). */
const builds = {
  compiled: [compiledMain],
  sources: ['--conditions=source', '--import', 'tsx', sourceMain],
};

/** Environment without the caller's Tidings settings, as the CLI tests run it. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'NODE_OPTIONS'));

/** Wall time of one run, in ms; fails on a non-zero exit, printing what the command wrote. */
function timeOnce(argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - start;
      if (code === 0) resolve(elapsed);
      else reject(new Error(`node ${argv.join(' ')} exited ${code}:\n${output.slice(0, 2000)}`));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median and fastest of `runs` runs after one warm-up (file cache). */
async function measure(argv: string[]): Promise<{ median: number; fastest: number }> {
  await timeOnce(argv);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(argv));
  return { median: median(times), fastest: Math.min(...times) };
}

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${load()}; median (fastest) of ${runs} runs after one warm-up`);
console.log(`page: ${path.relative(root, page)}\n`);

const ms = (value: number) => `${Math.round(value)} ms`;
// What starting node itself costs here, for scale: the targets assume a machine where that is small.
const bare = await measure(['-e', '0']);
console.log(`node -e 0 (no Tidings code): ${ms(bare.median)} (${ms(bare.fastest)})\n`);
const rows: string[][] = [];
for (const { name, args: commandArgs, targetMs } of cases) {
  const compiled = await measure([...builds.compiled, ...commandArgs]);
  const sources = await measure([...builds.sources, ...commandArgs]);
  rows.push([
    name,
    `${ms(compiled.median)} (${ms(compiled.fastest)})`,
    `${ms(sources.median)} (${ms(sources.fastest)})`,
    `<= ${targetMs} ms`,
    compiled.median <= targetMs ? 'ok' : 'OVER',
  ]);
}

const header = ['command', 'compiled (node dist/)', 'sources (node --import tsx)', 'target (compiled)', ''];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(`\nload average at the end: ${load()}`);
