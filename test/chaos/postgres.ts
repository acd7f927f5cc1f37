import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/services.js';

/** A PostgreSQL cluster of the chaos run's own (the machine's shared one is never stopped). */
export interface PostgresCluster {
  url: string;
  /** Stops the server (fast shutdown: connections are cut), waits `ms`, starts it again. */
  outage(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** The newest installed server binaries (Debian: /usr/lib/postgresql/<version>/bin). */
function serverBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(path.join(base, version, 'bin', 'initdb'))) return path.join(base, version, 'bin');
  throw new Error('chaos --postgres needs the PostgreSQL server binaries (Debian: apt-get install postgresql)');
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = serverBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tidings-chaos-pg-'));
  chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const port = await freePort();
  // initdb and postgres refuse to run as root: run them as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, command), asRoot ? ['-u', 'postgres', '--', path.join(bin, command), ...args] : args, { stdio: 'pipe' });
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    outage: async (ms) => {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await new Promise((resolve) => setTimeout(resolve, ms));
      start();
    },
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
