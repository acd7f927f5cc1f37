import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { redisAnswers } from '@tidings/queue';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A process the chaos run started in its own process group, so that SIGKILL takes it and anything it started. */
export interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}

function startGroup(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, log: WriteStream): Managed {
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, child, exited };
}

/** SIGKILLs a process group and waits until its leader is gone. */
export async function killGroup(process_: Managed): Promise<void> {
  try {
    if (process_.child.pid !== undefined) process.kill(-process_.child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await process_.exited;
}

/** Sends SIGTERM to a process group and waits for it (up to `timeoutMs`, then SIGKILL). */
export async function stopGroup(process_: Managed, timeoutMs = 15_000): Promise<void> {
  try {
    if (process_.child.pid !== undefined) process.kill(-process_.child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => void killGroup(process_), timeoutMs);
  await process_.exited;
  clearTimeout(timer);
}

/**
 * A Redis of the chaos run's own: durable as the README's guarantees require
 * (AOF with appendfsync always), or, `durable` false, with no persistence at
 * all, so that a SIGKILL loses everything it held.
 */
export class ChaosRedis {
  private process_: Managed | null = null;

  constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly log: WriteStream,
    private readonly durable = true,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process_ = startGroup(
      'redis',
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', ...(this.durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'])],
      process.env,
      this.log,
    );
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers(this.url)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`redis-server on port ${this.port} did not start`);
  }

  async kill(): Promise<void> {
    if (this.process_) await killGroup(this.process_);
    this.process_ = null;
  }

  async stop(): Promise<void> {
    if (this.process_) await stopGroup(this.process_);
    this.process_ = null;
  }
}

/** One Tidings worker process, started as its service's own entry point: `node --conditions=source --import tsx services/<role>/src/main.ts`. */
export function startWorkerProcess(role: string, env: NodeJS.ProcessEnv, logDir: string): Managed {
  const log = createWriteStream(path.join(logDir, `${role}.log`), { flags: 'a' });
  return startGroup(role, process.execPath, ['--conditions=source', '--import', 'tsx', path.join(root, 'services', role, 'src', 'main.ts')], env, log);
}

export function logStream(file: string): WriteStream {
  mkdirSync(path.dirname(file), { recursive: true });
  return createWriteStream(file, { flags: 'a' });
}
