/**
 * Fuzzes every target (or the named ones) for a bounded time each, one
 * after the other, and says per target how many runs it made, how large its
 * corpus grew and what it found. Exits 1 when any target found a crash or a
 * timeout (or the fuzzer failed), 0 otherwise.
 *
 *   pnpm fuzz                          # 60 s per target
 *   pnpm fuzz --seconds 10             # the short pass CI runs
 *   pnpm fuzz --target url --target query --seconds 300
 *
 * Each target runs in its own process (driver.ts): libFuzzer ends the process
 * at the first finding. Its working corpus (seeds plus what it discovered)
 * stays in test/fuzz/.work/<target>/corpus, so later runs start further on;
 * findings are saved to test/fuzz/regressions/<target>/.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { FUZZ_DIR, NODE_FLAGS, REPO_ROOT, TARGETS, WORK_DIR, findTarget, regressionFiles, regressionsDir, type FuzzTarget } from './catalog.js';

const DEFAULT_SECONDS = 60;
/** Start-up (tsx, jazzer, loading the packages) and shut-down time allowed past --seconds before a run counts as hung. */
const GRACE_SECONDS = 120;
/** Log lines shown when a target fails: enough for the error, its stack and the saved input. */
const TAIL_LINES = 30;

interface Outcome {
  target: FuzzTarget;
  exitCode: number | null;
  runs: number | null;
  perSecond: number | null;
  corpus: string;
  /** Seconds from starting the process to libFuzzer having run every input of the corpus once. */
  startup: number | null;
  findings: string[];
  log: string;
  tail: string[];
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(`usage: pnpm fuzz [--seconds N] [--target NAME]...\ntargets: ${TARGETS.map((target) => target.name).join(', ')}`);
  process.exit(2);
}

function options(): { seconds: number; targets: FuzzTarget[] } {
  let parsed;
  try {
    // pnpm passes a "--" through to the script when one is typed; it means nothing here.
    const args = process.argv.slice(2).filter((arg) => arg !== '--');
    parsed = parseArgs({ args, options: { seconds: { type: 'string' }, target: { type: 'string', multiple: true }, help: { type: 'boolean' } } });
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) usage();
  const seconds = parsed.values.seconds === undefined ? DEFAULT_SECONDS : Number(parsed.values.seconds);
  if (!Number.isInteger(seconds) || seconds < 1) usage(`--seconds must be a whole number of seconds, got ${parsed.values.seconds}`);
  try {
    const names = parsed.values.target?.flatMap((value) => value.split(','));
    return { seconds, targets: names ? names.map(findTarget) : [...TARGETS] };
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
}

/** Writes the target's seeds into its working corpus (named by content, so re-runs add nothing twice). */
function prepareCorpus(target: FuzzTarget): string {
  const corpus = join(WORK_DIR, target.name, 'corpus');
  mkdirSync(corpus, { recursive: true });
  for (const seed of target.seeds()) {
    const file = join(corpus, `seed-${createHash('sha1').update(seed).digest('hex')}`);
    if (!existsSync(file)) writeFileSync(file, seed);
  }
  return corpus;
}

/** Reads libFuzzer's progress lines as they come: runs so far, the corpus, when libFuzzer started and when it had run the seeds. */
class Progress {
  runs: number | null = null;
  corpus: string | null = null;
  /** libFuzzer's first line ("INFO: Seed: N"): the target is loaded, runs start. */
  startedAt: number | null = null;
  /** The INITED line: every seed and corpus input has run once. */
  initedAt: number | null = null;
  readonly tail: string[] = [];

  line(text: string): void {
    this.tail.push(text);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    if (this.startedAt === null && text.startsWith('INFO: Seed: ')) this.startedAt = Date.now();
    // "#1234	NEW    cov: 80 ft: 120 corp: 45/3210b lim: 74 exec/s: 617 rss: 210Mb ..."
    const status = /^#(\d+)\s+(\w+)\s.*?\bcorp: (\d+)\/(\S+)/.exec(text);
    if (status) {
      this.runs = Number(status[1]);
      this.corpus = `${status[3]} inputs (${status[4]})`;
      if (status[2] === 'INITED') this.initedAt = Date.now();
    }
    const executed = /^stat::number_of_executed_units:\s*(\d+)/.exec(text);
    if (executed) this.runs = Number(executed[1]);
  }
}

function fuzzTarget(target: FuzzTarget, seconds: number): Promise<Outcome> {
  const corpus = prepareCorpus(target);
  const before = new Set(regressionFiles(target));
  const logFile = join(WORK_DIR, target.name, 'fuzz.log');
  const log = createWriteStream(logFile);
  const progress = new Progress();
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, join(FUZZ_DIR, 'driver.ts'), target.name, String(seconds), corpus], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const hung = setTimeout(() => {
    progress.line(`run.ts: no exit ${GRACE_SECONDS} s past the time limit; killed`);
    child.kill('SIGKILL');
  }, (seconds + GRACE_SECONDS) * 1000);
  let pending = '';
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) progress.line(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(hung);
      if (pending) progress.line(pending);
      log.end();
      // Runs per second over libFuzzer's whole run, the corpus's first pass included (it is runs like any other).
      const elapsed = progress.startedAt === null ? null : (Date.now() - progress.startedAt) / 1000;
      resolve({
        target,
        exitCode: code ?? (signal ? 128 : null),
        runs: progress.runs,
        perSecond: progress.runs !== null && elapsed ? Math.round(progress.runs / Math.max(elapsed, 1)) : null,
        corpus: progress.corpus ?? `${readdirSync(corpus).length} files`,
        startup: progress.initedAt === null ? null : Math.round((progress.initedAt - spawnedAt) / 1000),
        findings: regressionFiles(target)
          .filter((file) => !before.has(file))
          .map((file) => relative(REPO_ROOT, join(regressionsDir(target), file))),
        log: relative(REPO_ROOT, logFile),
        tail: progress.tail,
      });
    });
  });
}

function describe(outcome: Outcome): string {
  const runs = outcome.runs === null ? 'no runs' : `${outcome.runs.toLocaleString('en')} runs`;
  const rate = outcome.perSecond === null ? '' : ` (${outcome.perSecond.toLocaleString('en')}/s)`;
  const found = outcome.findings.length === 0 ? 'no findings' : `${outcome.findings.length} finding(s): ${outcome.findings.join(', ')}`;
  const startup = outcome.startup === null ? '' : ` (start-up and first pass over the corpus ${outcome.startup} s)`;
  return `${runs}${rate}, corpus ${outcome.corpus}, ${found}${startup}`;
}

function failed(outcome: Outcome): boolean {
  return outcome.exitCode !== 0 || outcome.findings.length > 0;
}

const { seconds, targets } = options();
console.log(`Fuzzing ${targets.length} target(s) for ${seconds} s each (jazzer.js; logs in ${relative(REPO_ROOT, WORK_DIR)}/<target>/fuzz.log)`);
const outcomes: Outcome[] = [];
for (const target of targets) {
  const outcome = await fuzzTarget(target, seconds);
  outcomes.push(outcome);
  console.log(`${failed(outcome) ? 'FAIL' : 'ok  '} ${target.name.padEnd(10)} ${describe(outcome)}`);
  if (failed(outcome)) {
    const why = outcome.exitCode === 77 ? 'a crash' : outcome.exitCode === 70 ? 'a timeout' : `exit code ${outcome.exitCode}`;
    console.log(`     ${target.fuzzes}: ${why}. Last lines of ${outcome.log}:`);
    for (const line of outcome.tail) console.log(`     | ${line}`);
  }
}

const failures = outcomes.filter(failed);
console.log('');
console.log(`target      runs        runs/s   corpus                  findings`);
for (const outcome of outcomes) {
  console.log(
    [
      outcome.target.name.padEnd(11),
      String(outcome.runs ?? '-').padEnd(11),
      String(outcome.perSecond ?? '-').padEnd(8),
      outcome.corpus.padEnd(23),
      outcome.exitCode === 0 || outcome.findings.length > 0 ? String(outcome.findings.length) : `fuzzer failed (exit ${outcome.exitCode})`,
    ].join(' '),
  );
}
if (failures.length > 0) {
  console.log(`\n${failures.length} of ${outcomes.length} target(s) failed. Each finding is saved under test/fuzz/regressions/<target>/ and replayed by`);
  console.log('test/fuzz/regressions.test.ts (vitest run test/fuzz); see test/fuzz/README.md for what to do next.');
  process.exit(1);
}
console.log(`\nNo findings in ${outcomes.length} target(s).`);
