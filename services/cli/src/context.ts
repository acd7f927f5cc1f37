import type { Config } from '@tidings/config';
import { describeError } from '@tidings/contracts/errors';
// The index and the runtime (Redis, queues, database drivers) are loaded on first use:
// a command that needs neither, and `tidings --help`, starts without them.
import type { TidingsIndex } from '@tidings/index';
import type { Runtime } from '@tidings/runtime';
import type { Logger } from 'pino';

/** A failure to report to the user as one line on stderr, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

let configModule: Promise<typeof import('@tidings/config')> | undefined;

/**
 * Configuration from the environment; a bad variable is a CliError, not a
 * stack trace. The schema (zod and all) is loaded on the first call, by the
 * command's action: `--help` starts without it, and a command may start
 * slow work first (`extract` starts its thread, which then loads while this
 * one loads the schema).
 */
export async function cliConfig(overrides: Partial<Config> = {}): Promise<Config> {
  const { loadConfig } = await (configModule ??= import('@tidings/config'));
  try {
    return { ...loadConfig(process.env), ...overrides };
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

/**
 * The logger for long-running commands. Interactive commands default to
 * warnings only so progress lines stay readable; TIDINGS_LOG_LEVEL wins.
 */
export async function cliLogger(config: Config, quietByDefault: boolean): Promise<Logger> {
  const { createLogger } = await import('@tidings/runtime');
  const level = process.env.TIDINGS_LOG_LEVEL ? config.logLevel : quietByDefault ? 'warn' : config.logLevel;
  return createLogger({ ...config, logLevel: level });
}

/** Runs `body` with the index open, closing it afterwards. */
export async function withIndex<T>(config: Config, body: (index: TidingsIndex) => Promise<T>): Promise<T> {
  const { openIndex } = await import('@tidings/index');
  const index = await openIndex({ dataDir: config.dataDir, indexUrl: config.indexUrl });
  try {
    return await body(index);
  } finally {
    await index.close();
  }
}

/** Runs `body` with Redis, queues and index ready, tearing them down afterwards. */
export async function withRuntime<T>(config: Config, log: Logger, body: (runtime: Runtime) => Promise<T>, options: { autostartRedis?: boolean } = {}): Promise<T> {
  const { createRuntime } = await import('@tidings/runtime');
  let runtime: Runtime;
  try {
    runtime = await createRuntime(config, log, options);
  } catch (error) {
    throw new CliError(describeError(error).message);
  }
  try {
    return await body(runtime);
  } finally {
    await runtime.close();
  }
}

/** Writes one line to stdout (command output). */
export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Writes one line to stderr (progress, notes for people). */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Prints a value as JSON on stdout. */
export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

/**
 * A whole number written in decimal digits (spaces around allowed), or null.
 * `Number()` alone also reads "0x10", "1e2", "0b11" and "" (as 0).
 */
export function wholeNumber(value: string): number | null {
  const text = value.trim();
  return /^\d+$/u.test(text) ? Number(text) : null;
}

/** Parses a positive integer option (at most `max` when given), or fails with a clear message. */
export function positiveInt(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = wholeNumber(value);
    if (parsed === null || parsed <= 0 || !Number.isSafeInteger(parsed)) throw new CliError(`${name} must be a positive whole number, got "${value}"`, 2);
    if (parsed > max) throw new CliError(`${name} must be at most ${max}, got ${parsed}`, 2);
    return parsed;
  };
}
