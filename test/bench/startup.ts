/**
 * `pnpm bench:startup`: how long the CLI takes to start, compiled (plain
 * `node services/cli/dist/main.js`, what the `tidings` executable runs) and
 * from the TypeScript sources through tsx (what `pnpm tidings` runs), for
 * `--help` and for `extract --json` on one vendored page (by default the
 * smallest; the command also starts its worker thread). Each command runs
 * once to warm the file cache, then N times one after the other; the table
 * gives the median and the fastest run of the wall time from spawn to exit,
 * and the median CPU time of the compiled build (less distorted by other load
 * than the wall time), beside the targets for the compiled build. The
 * compiled CLI runs its bundle (dist/program.bundle.js) when `pnpm build`
 * made it and it is up to date; after a `tsc -b` alone, its modules.
 *
 * Then throughput through the CLI: `tidings extract --jsonl` over the 181
 * pages of the public article-extraction benchmark (../shared/bench, see
 * shared-data.ts; skipped when it is not there) beside the compiled
 * extractor over the same files in one process (read, gunzip, extractArticle:
 * no thread, no JSON), both pinned to one core (`taskset -c 0`) and started
 * cold, alternated --throughput-runs times (default 3). The CLI should run
 * near the in-process speed: what it adds per page (the thread hop, decoding,
 * JSON lines) is the difference, given per page. CPU time (user + system, from
 * /proc) is printed beside the wall time: it is less sensitive to other load.
 * Not a test: numbers depend on the machine and on what else it is running
 * (the load average is printed with them).
 *
 *   pnpm build && pnpm bench:startup [--runs N] [--throughput-runs N] [--skip-throughput] [--main dist/main.js] [page.html.gz]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDir } from './shared-data.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const mainAt = args.indexOf('--main');
// Another compiled entry to time (a copy of an earlier build, to compare): inside services/cli/, where its dependencies resolve.
const compiledMain = mainAt >= 0 ? path.resolve(args[mainAt + 1]!) : path.join(root, 'services/cli/dist/main.js');
const sourceMain = path.join(root, 'services/cli/src/main.ts');
const pagesDir = path.join(root, 'test/fixtures/article-extraction');

const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const throughputRunsAt = args.indexOf('--throughput-runs');
const throughputRuns = throughputRunsAt >= 0 ? Number(args[throughputRunsAt + 1]) : 3;
const skipThroughput = args.includes('--skip-throughput');
const pageArg = args.find((arg, i) => !arg.startsWith('--') && !['--runs', '--throughput-runs', '--main'].includes(args[i - 1]!));
// By default the smallest vendored page: the figure is start-up, not extraction work on a large page.
const page = pageArg ?? smallestPage();

function smallestPage(): string {
  const pages = readdirSync(pagesDir)
    .filter((name) => name.endsWith('.html.gz'))
    .map((name) => path.join(pagesDir, name));
  return pages.sort((a, b) => statSync(a).size - statSync(b).size || a.localeCompare(b))[0]!;
}

if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive whole number, got ${args[runsAt + 1]}`);
if (!Number.isInteger(throughputRuns) || throughputRuns < 1) throw new Error(`--throughput-runs takes a positive whole number, got ${args[throughputRunsAt + 1]}`);
if (!existsSync(compiledMain)) {
  console.error(`bench:startup: ${path.relative(root, compiledMain)} is missing: run \`pnpm build\` first`);
  process.exit(1);
}

interface Case {
  name: string;
  args: string[];
  /** Longest median allowed for the compiled build (the issue's start-up targets). */
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

/** User + system CPU seconds of this process's waited-for children so far (Linux /proc), or null elsewhere. */
function childrenCpuSeconds(): number | null {
  try {
    // Fields after the command name (which may hold spaces): cutime and cstime are the 14th and 15th.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / clockTicks;
  } catch {
    return null;
  }
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * Wall and CPU time (user + system, the process and its threads) of one run,
 * in ms; fails on a non-zero exit, printing what the command wrote. CPU time
 * is counted in clock ticks (10 ms here): a median over runs, not one run.
 */
function timeOnce(argv: string[]): Promise<{ wall: number; cpu: number | null }> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuSeconds();
    const start = performance.now();
    const child = spawn(process.execPath, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - start;
      const cpuAfter = childrenCpuSeconds();
      if (code === 0) resolve({ wall, cpu: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000 });
      else reject(new Error(`node ${argv.join(' ')} exited ${code}:\n${output.slice(0, 2000)}`));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median and fastest wall time, and median CPU time, of `runs` runs after one warm-up (file cache). */
async function measure(argv: string[]): Promise<{ median: number; fastest: number; cpu: number | null }> {
  await timeOnce(argv);
  const times: Array<{ wall: number; cpu: number | null }> = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(argv));
  const walls = times.map((time) => time.wall);
  const cpus = times.map((time) => time.cpu).filter((cpu): cpu is number => cpu !== null);
  return { median: median(walls), fastest: Math.min(...walls), cpu: cpus.length === times.length ? median(cpus) : null };
}

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${load()}; median (fastest) of ${runs} runs after one warm-up`);
console.log(`page: ${path.relative(root, page)}\n`);

const ms = (value: number) => `${Math.round(value)} ms`;
const cpuMs = (value: number | null) => (value === null ? '-' : ms(value));
// What starting node itself costs here, for scale: the targets assume a machine where that is small.
const bare = await measure(['-e', '0']);
console.log(`node -e 0 (no Tidings code): ${ms(bare.median)} (${ms(bare.fastest)}), CPU ${cpuMs(bare.cpu)}\n`);
const rows: string[][] = [];
for (const { name, args: commandArgs, targetMs } of cases) {
  const compiled = await measure([...builds.compiled, ...commandArgs]);
  const sources = await measure([...builds.sources, ...commandArgs]);
  rows.push([
    name,
    `${ms(compiled.median)} (${ms(compiled.fastest)})`,
    cpuMs(compiled.cpu),
    `${ms(sources.median)} (${ms(sources.fastest)})`,
    `<= ${targetMs} ms`,
    compiled.median <= targetMs ? 'ok' : 'OVER',
  ]);
}

const header = ['command', 'compiled (node dist/)', 'compiled CPU', 'sources (node --import tsx)', 'target (compiled)', ''];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
// ---------------------------------------------------------------- throughput

/**
 * The compiled extractor in this process's child, on the files given as
 * arguments: read, gunzip, extract, nothing printed. The page URL is the
 * file's, as the CLI gives a file without --url.
 */
const IN_PROCESS = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
const { extractArticle } = await import(${JSON.stringify(new URL('../../packages/extract/dist/index.js', import.meta.url).href)});
for (const file of process.argv.slice(1)) {
  try {
    extractArticle(gunzipSync(readFileSync(file)).toString('utf8'), { url: pathToFileURL(file).href });
  } catch {
    // a page that is not an article fails the same way through the CLI
  }
}`;

/** Wall and CPU seconds of one run of `node argv`, pinned to core 0 when taskset is there; stdout is discarded. */
function runPinned(argv: string[], pin: boolean): Promise<{ wall: number; cpu: number | null }> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuSeconds();
    const start = performance.now();
    const [command, commandArgs] = pin ? ['taskset', ['-c', '0', process.execPath, ...argv]] : [process.execPath, argv];
    const child = spawn(command, commandArgs, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - start) / 1000;
      const cpuAfter = childrenCpuSeconds();
      if (code !== 0) reject(new Error(`node ${argv.slice(0, 3).join(' ')}... exited ${code}:\n${errors.slice(0, 2000)}`));
      else resolve({ wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore });
    });
  });
}

async function measureThroughput(): Promise<void> {
  let files: string[];
  try {
    const dir = path.join(benchDir(), 'html');
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.html.gz'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch (error) {
    console.log(`\nthroughput through the CLI: skipped (${(error as Error).message})`);
    return;
  }
  let pin = true;
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
  } catch {
    pin = false;
  }
  const contenders = {
    'tidings extract --jsonl (compiled)': [compiledMain, 'extract', '--jsonl', ...files],
    'extractArticle in one process': ['--input-type=module', '-e', IN_PROCESS, ...files],
  };
  const results = new Map<string, Array<{ wall: number; cpu: number | null }>>(Object.keys(contenders).map((name) => [name, []]));
  // Alternated, so that a change in the machine's load falls on both.
  for (let round = 0; round < throughputRuns; round++) {
    for (const [name, argv] of Object.entries(contenders)) results.get(name)!.push(await runPinned(argv, pin));
  }
  console.log(`\nthroughput: ${files.length} pages of ${path.relative(root, benchDir())}, ${pin ? 'pinned to one core (taskset -c 0)' : 'not pinned (no taskset)'}, start-up included; median of ${throughputRuns} alternated runs\n`);
  const rows = [...results].map(([name, times]) => {
    const wall = median(times.map((time) => time.wall));
    const cpus = times.map((time) => time.cpu).filter((cpu): cpu is number => cpu !== null);
    const cpu = cpus.length === times.length ? median(cpus) : null;
    return { name, wall, cpu };
  });
  const table = [
    ['', 'wall s', 'pages/s', 'CPU s', 'pages per CPU s'],
    ...rows.map(({ name, wall, cpu }) => [name, wall.toFixed(2), (files.length / wall).toFixed(1), cpu?.toFixed(2) ?? '-', cpu ? (files.length / cpu).toFixed(1) : '-']),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const [i, row] of table.entries()) {
    console.log(`| ${row.map((cell, j) => cell.padEnd(widths[j]!)).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  }
  const [cli, inProcess] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const perPage = (a: number, b: number) => `${(((a - b) / files.length) * 1000).toFixed(1)} ms`;
  console.log(`\nwhat the CLI adds per page: ${perPage(cli.wall, inProcess.wall)} wall${cli.cpu !== null && inProcess.cpu !== null ? `, ${perPage(cli.cpu, inProcess.cpu)} CPU` : ''} (start-up included in both)`);
}

if (!skipThroughput) await measureThroughput();
console.log(`\nload average at the end: ${load()}`);
