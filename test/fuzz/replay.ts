/**
 * Runs inputs through a fuzz target's contract check once, without jazzer:
 *
 *   node --conditions=source --import tsx test/fuzz/replay.ts <target> --seeds
 *   node --conditions=source --import tsx test/fuzz/replay.ts <target> <file>...
 *
 * A file name without a directory is looked up in the target's regressions
 * folder. Exits 1 at the first input that breaks the contract, printing the
 * violation. regressions.test.ts runs this in a child process, so that an
 * input that hangs the (synchronous) function under test cannot hang the
 * test runner with it: vitest's test timeout kills the child.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findTarget, regressionsDir, targetModule } from './catalog.js';

interface TargetModule {
  fuzz(data: Buffer): void | Promise<void>;
}

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || rest.length === 0) {
  console.error('usage: node --conditions=source --import tsx test/fuzz/replay.ts <target> (--seeds | <file>...)');
  process.exit(2);
}
const target = findTarget(name);
const inputs: { label: string; data: Buffer }[] =
  rest[0] === '--seeds'
    ? target.seeds().map((data, index) => ({ label: `seed ${index + 1}`, data }))
    : rest.map((file) => {
        const path = basename(file) === file ? join(regressionsDir(target), file) : resolve(file);
        return { label: path, data: readFileSync(path) };
      });

const { fuzz } = (await import(pathToFileURL(targetModule(target)).href)) as TargetModule;
for (const input of inputs) {
  try {
    await fuzz(input.data);
  } catch (error) {
    console.error(`${target.name}: ${input.label} breaks the contract of ${target.fuzzes}:`);
    console.error(error);
    process.exit(1);
  }
}
console.log(`${target.name}: ${inputs.length} input(s) meet the contract`);
