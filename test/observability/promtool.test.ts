import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const OBSERVABILITY = fileURLToPath(new URL('../../infra/observability/', import.meta.url));

/** Runs promtool (Debian package `prometheus`), failing with a clear message when it is missing. */
function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { encoding: 'utf8', cwd: OBSERVABILITY, timeout: 60_000 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('promtool is not installed: apt-get install -y prometheus (it validates infra/observability/prometheus/)');
  }
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('Prometheus files (promtool)', () => {
  it('validates the alert rules', () => {
    const { status, output } = promtool('check', 'rules', 'prometheus/rules/tidings.yml');
    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });

  it('validates the scrape configuration', () => {
    const { status, output } = promtool('check', 'config', '--syntax-only', 'prometheus/prometheus.yml');
    expect(status, output).toBe(0);
  });

  it('fires the alerts on made-up series as their rules say (promtool test rules)', () => {
    const { status, output } = promtool('test', 'rules', 'prometheus/rules.test.yml');
    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });
});
