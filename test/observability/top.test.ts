import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@tidings/config';
import { createLogger, createRuntime, type Runtime } from '@tidings/runtime';
import { runCli } from '../support/cli.js';
import { deletePrefix, requireRedis, tempDir, TEST_REDIS_URL, uniquePrefix } from '../support/services.js';
import { seedPipeline, type SeededPipeline } from './seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const main = path.join(root, 'services/cli/src/main.ts');

describe('tidings top', () => {
  const prefix = uniquePrefix('top');
  const data = tempDir('top');
  const env = { REDIS_URL: TEST_REDIS_URL, TIDINGS_QUEUE_PREFIX: prefix, TIDINGS_DATA_DIR: data.dir, TIDINGS_LOG_LEVEL: 'silent' };
  let runtime: Runtime;
  let seeded: SeededPipeline;

  beforeAll(async () => {
    await requireRedis();
    const config = loadConfig(env);
    runtime = await createRuntime(config, createLogger(config), { autostartRedis: false });
    seeded = await seedPipeline(runtime);
  });

  afterAll(async () => {
    await seeded?.stop();
    await runtime?.close();
    await deletePrefix(prefix);
    data.remove();
  });

  it('prints one snapshot and exits when not on a terminal', async () => {
    const result = await runCli(['top'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => /^(feed|article)-/.test(line)).map((line) => line.split(' ')[0])).toEqual([
      'feed-fetch',
      'feed-parse',
      'article-fetch',
      'article-extract',
      'article-index',
    ]);
    expect(lines.find((line) => line.startsWith('feed-parse'))).toContain('malformed-feed×2');
    expect(lines.find((line) => line.startsWith('article-fetch'))).toMatch(/fetcher\s+4\s/);
    expect(result.stdout).toContain('https://gone.example/feed.xml');
    expect(result.stdout).toMatch(/workers: \n\s+fetcher /);
    // No terminal control sequences in a snapshot.
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('redraws in place on a terminal and quits on q, leaving the terminal as it was', async () => {
    // `script` gives the CLI a real pseudo-terminal; what we write to its stdin is typed into it.
    const command = [process.execPath, '--import', 'tsx', '--conditions=source', main, 'top', '--interval', '0.3'].map((part) => `'${part}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: root,
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL')), ...env, TERM: 'xterm', COLUMNS: '160', LINES: '50' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // Two frames drawn: it redraws (cursor home) rather than scrolling.
      await expect.poll(() => output.split('\x1b[H').length - 1, { timeout: 45_000, interval: 100 }).toBeGreaterThanOrEqual(2);
      expect(output).toContain('\x1b[?1049h');
      expect(output).toContain('feed-parse');
      child.stdin.write('q');
      expect(await exited).toBe(0);
      // Left the alternate screen and showed the cursor again.
      expect(output).toContain('\x1b[?25h\x1b[?1049l');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
