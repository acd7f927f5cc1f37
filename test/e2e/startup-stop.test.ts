import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/services.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('a worker asked to stop before it has started', () => {
  it('stops at once and exits 0 while still waiting for Redis, instead of dying or waiting out its patience', async () => {
    const data = tempDir('startup-stop');
    const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TIDINGS_') && key !== 'REDIS_URL'));
    const worker = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(root, 'services/parser/src/main.ts')], {
      cwd: root,
      env: { ...base, REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, TIDINGS_DATA_DIR: data.dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    worker.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    try {
      // It retries for a minute; once it says so, it is past start-up's first steps and listening for signals.
      for (let i = 0; i < 600 && !stderr.includes('cannot reach Redis or the index yet'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stderr).toContain('cannot reach Redis or the index yet');
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain('parser stopped before it could reach Redis or the index');
    } finally {
      worker.kill('SIGKILL');
      data.remove();
    }
  });
});
