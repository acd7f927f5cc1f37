/**
 * Replays every fuzz target's seeds and every saved finding
 * (test/fuzz/regressions/<target>/*) through the target's contract check,
 * each in a child process (replay.ts): an input that hangs the function
 * under test then fails as this test's timeout instead of hanging vitest.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUZZ_DIR, NODE_FLAGS, REPO_ROOT, TARGETS, regressionFiles, type FuzzTarget } from './catalog.js';

/**
 * Findings whose bug is known and not fixed yet: `<target>/<file>` -> why.
 * Each shows as a todo until its fix lands; then delete the entry, and the
 * input is replayed like the rest.
 */
const OPEN_FINDINGS: Readonly<Record<string, string>> = {};

function replay(target: FuzzTarget, args: string[], signal: AbortSignal): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...NODE_FLAGS, join(FUZZ_DIR, 'replay.ts'), target.name, ...args],
      { cwd: REPO_ROOT, signal, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * The seeds run as one batch per target (a process per seed would cost far more than the seeds): up to a few
 * hundred inputs, 30 s for extract's pages on a busy machine, so they get longer than vitest's 60 s. A single
 * saved finding keeps the default, so that a hang shows as that test's timeout.
 */
const SEED_BATCH_TIMEOUT_MS = 240_000;

describe.each(TARGETS)('fuzz target $name', (target) => {
  it(`meets its contract on every seed (${target.fuzzes})`, { timeout: SEED_BATCH_TIMEOUT_MS }, async ({ signal }) => {
    const { code, output } = await replay(target, ['--seeds'], signal);
    expect(code, output).toBe(0);
  });

  for (const file of regressionFiles(target)) {
    const open = OPEN_FINDINGS[`${target.name}/${file}`];
    if (open !== undefined) {
      it.todo(`regressions/${target.name}/${file}: ${open}`);
      continue;
    }
    it(`meets its contract on regressions/${target.name}/${file}`, async ({ signal }) => {
      const { code, output } = await replay(target, [file], signal);
      expect(code, output).toBe(0);
    });
  }
});
