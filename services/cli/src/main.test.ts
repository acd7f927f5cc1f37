import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TIDINGS_VERSION } from '@tidings/http/version';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const main = fileURLToPath(new URL('./main.ts', import.meta.url));

/** Runs `main.ts` from the sources, as `pnpm tidings` does. */
function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs `main.ts` with its stdout's reader gone before it writes, as `tidings ... | head` once head has its lines. */
function runMainIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the tidings executable (main.ts)', () => {
  it('runs the program from the sources: its answers and its exit codes come through', async () => {
    expect(await runMain(['--version'])).toMatchObject({ code: 0, stdout: `${TIDINGS_VERSION}\n` });
    expect(await runMain(['nosuch'])).toMatchObject({ code: 1, stderr: "tidings: unknown command 'nosuch' (see tidings --help)\n" });
  });

  it('imports nothing but what picks the program to load, and for extract what starts its thread: every start pays for what it loads', () => {
    const source = readFileSync(main, 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((match) => match[1]);
    expect(imports).toEqual(['@tidings/task-pool/bundled-module']);
    const onDemand = [...source.matchAll(/\bimport\('([^']+)'\)/g)].map((match) => match[1]);
    expect(onDemand).toEqual(['@tidings/service-extractor/extraction-pool']);
  });

  it('exits when extract stops before making its pool: the thread started early keeps nothing alive', async () => {
    // Refused after the executable started the extraction thread, before the command makes the pool that would take it over.
    expect(await runMain(['extract', '--json', 'one.html', 'two.html'])).toMatchObject({ code: 2, stderr: 'tidings: --json takes one input; use --jsonl for several\n' });
  });

  it('stops quietly when the reader of its output has gone (`| head`): no stack trace, no failure', async () => {
    // Without a handler, the write's EPIPE is an unhandled 'error' event: a Node stack trace on stderr and exit 1.
    expect(await runMainIntoClosedPipe(['--help'])).toEqual({ code: 0, stderr: '' });
    expect(await runMainIntoClosedPipe(['parse-feed', 'packages/demo-site/public/feeds/news.rss', '--json'])).toEqual({ code: 0, stderr: '' });
  });
});
