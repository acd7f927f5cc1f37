import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'services/cli/src/main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process, as `pnpm --silent tidings` does, with
 * `env` on top of a clean environment (no inherited TIDINGS_* settings).
 */
export function runCli(args: string[], env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<CliResult> {
  // The workspace packages' TypeScript sources, not their compiled dist/ (see tsconfig.base.json).
  return runProgram(tsx, ['--conditions=source', main, ...args], env, options);
}

/** Runs the compiled executable (`pnpm build`'s services/cli/dist/main.js) with `node`, as runCli runs the sources. */
export function runCompiledCli(executable: string, args: string[], env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<CliResult> {
  return runProgram(process.execPath, [executable, ...args], env, options);
}

function runProgram(program: string, args: string[], env: Record<string, string>, options: { timeoutMs?: number }): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL'));
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      { cwd: root, env: { ...base, ...env }, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the CLI and parses its stdout as JSON, failing loudly with stderr when it did not succeed. */
export async function runCliJson<T>(args: string[], env: Record<string, string>): Promise<T> {
  const result = await runCli(args, env);
  if (result.code !== 0) throw new Error(`tidings ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`tidings ${args.join(' ')} printed non-JSON: ${result.stdout.slice(0, 500)}\nstderr: ${result.stderr}`);
  }
}
