import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { freePort, tempDir } from '../support/services.js';
import { seedPipeline, type SeededPipeline } from './seed.js';

const OBSERVABILITY = fileURLToPath(new URL('../../infra/observability/', import.meta.url));
/** Bounds each wait on Prometheus; asserts no timing. */
const until = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 45_000, interval: 250 });

/**
 * A real Prometheus (Debian package `prometheus`) scraping a real API after
 * real jobs, with the repository's alert rules: the scrape works, every rule
 * evaluates without error, and every dashboard query is valid PromQL that
 * Prometheus answers.
 */
describe('Prometheus scraping the API with the shipped rules', () => {
  let api: ApiInstance;
  let seeded: SeededPipeline;
  let prometheus: ChildProcess | undefined;
  let base: string;
  const data = tempDir('prometheus');

  const get = async <T>(query: string): Promise<T> => {
    const response = await fetch(`${base}${query}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    api = await startApiInstance({ label: 'prometheus' });
    seeded = await seedPipeline(api.runtime);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const shipped = parse(readText('prometheus/prometheus.yml')) as { scrape_configs: Array<{ job_name: string; metrics_path: string }> };
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(OBSERVABILITY, 'prometheus/rules/tidings.yml')],
      // The shipped job, pointed at this test's API.
      scrape_configs: [{ ...shipped.scrape_configs[0], static_configs: [{ targets: [new URL(api.url).host] }] }],
    };
    writeFileSync(path.join(data.dir, 'prometheus.yml'), JSON.stringify(config));
    prometheus = spawn(
      'prometheus',
      [`--config.file=${path.join(data.dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(data.dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const started = await new Promise<Error | null>((resolve) => {
      prometheus!.once('error', resolve);
      prometheus!.once('spawn', () => resolve(null));
    });
    if (started) throw new Error(`these tests need prometheus (Debian: apt-get install -y prometheus): ${started.message}`);
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await seeded?.stop();
    await api?.stop();
    data.remove();
  });

  it('scrapes the API: the target is up and live workers arrive by role', async () => {
    await until(async () => (await get<{ data: { activeTargets: Array<{ health: string }> } }>('/api/v1/targets').catch(() => null))?.data.activeTargets[0]?.health).toBe('up');
    await until(async () => {
      const answer = await get<{ data: { result: Array<{ metric: { role: string }; value: [number, string] }> } }>('/api/v1/query?query=tidings_workers');
      return answer.data.result.find((series) => series.metric.role === 'fetcher')?.value[1];
    }).toBe('1');
  });

  it('evaluates every alert rule without error', async () => {
    type Rules = { data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string; lastEvaluation: string }> }> } };
    const rules = async () => (await get<Rules>('/api/v1/rules')).data.groups.flatMap((group) => group.rules);
    // Every rule has been evaluated at least once.
    await until(async () => (await rules()).every((rule) => !rule.lastEvaluation.startsWith('0001-'))).toBe(true);
    const evaluated = await rules();
    // Every rule of the file loaded: none dropped for an error Prometheus only logs.
    const shipped = parse(readFileSync(path.join(OBSERVABILITY, 'prometheus/rules/tidings.yml'), 'utf8')) as { groups: Array<{ rules: unknown[] }> };
    expect(evaluated.length).toBe(shipped.groups.reduce((sum, group) => sum + group.rules.length, 0));
    expect(evaluated.length).toBeGreaterThanOrEqual(9);
    expect(evaluated.filter((rule) => rule.health !== 'ok').map((rule) => `${rule.name}: ${rule.lastError}`)).toEqual([]);
  });

  it('answers every dashboard query (valid PromQL over the scraped series)', async () => {
    const dashboard = JSON.parse(readText('grafana/dashboards/tidings-pipeline.json')) as { panels: Array<{ title: string; targets?: Array<{ expr: string }> }> };
    const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ title: panel.title, expr: target.expr })));
    expect(queries.length).toBeGreaterThan(10);
    const failed: string[] = [];
    for (const { title, expr } of queries) {
      const answer = await get<{ status: string; error?: string }>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
      if (answer.status !== 'success') failed.push(`${title}: ${answer.error}`);
    }
    expect(failed).toEqual([]);
  });
});

function readText(file: string): string {
  return readFileSync(path.join(OBSERVABILITY, file), 'utf8');
}
