import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startApiInstance, type ApiInstance } from '../support/api-instance.js';
import { seedPipeline, type SeededPipeline } from './seed.js';

const file = (name: string) => readFileSync(new URL(`../../infra/observability/${name}`, import.meta.url), 'utf8');
/** Series Prometheus makes itself, not the API. */
const PROMETHEUS_OWN = new Set(['up']);

/** Every metric name a PromQL expression reads (label names and functions never start with `tidings_`; `up{...}` is the only other one used). */
function metricNames(expressions: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const expression of expressions) {
    for (const match of expression.matchAll(/\b(tidings_[a-z0-9_]+|up(?=\s*\{))\b/g)) names.add(match[1]!);
  }
  return names;
}

const rules = parse(file('prometheus/rules/tidings.yml')) as { groups: Array<{ rules: Array<{ expr: string }> }> };
const ruleExpressions = rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr));
const dashboard = JSON.parse(file('grafana/dashboards/tidings-pipeline.json')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
const dashboardExpressions = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));

describe('the alert rules and the dashboard read only metrics the API exports', () => {
  let api: ApiInstance;
  let seeded: SeededPipeline;
  let exported: Set<string>;

  beforeAll(async () => {
    api = await startApiInstance({ label: 'metric-names' });
    // Real jobs through a real BullMQ worker, the real recorder, a live heartbeat, a failing feed.
    seeded = await seedPipeline(api.runtime);
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    // Sample lines only (`name{labels} value` or `name value`): a name declared but never set does not count.
    exported = new Set(text.split('\n').flatMap((line) => (line.startsWith('#') || !line ? [] : [line.split(/[{ ]/)[0]!])));
  });

  afterAll(async () => {
    await seeded?.stop();
    await api?.stop();
  });

  it('reads the names out of the expressions', () => {
    expect(metricNames(['sum by (queue) (rate(tidings_jobs_failed_total[15m])) / tidings_x{a="b"}', 'up{job="t"} == 0'])).toEqual(new Set(['tidings_jobs_failed_total', 'tidings_x', 'up']));
  });

  it('every alert rule', () => {
    const names = metricNames(ruleExpressions);
    expect(names.size).toBeGreaterThan(5);
    const missing = [...names].filter((name) => !PROMETHEUS_OWN.has(name) && !exported.has(name));
    expect(missing, `in the rules but not in /metrics: ${missing.join(', ')}`).toEqual([]);
  });

  it('every dashboard panel', () => {
    const names = metricNames(dashboardExpressions);
    expect(names.size).toBeGreaterThan(5);
    const missing = [...names].filter((name) => !PROMETHEUS_OWN.has(name) && !exported.has(name));
    expect(missing, `on the dashboard but not in /metrics: ${missing.join(', ')}`).toEqual([]);
  });

  it('exports live workers by role from their heartbeats', () => {
    expect(exported).toContain('tidings_workers');
    expect(exported).toContain('tidings_worker_jobs_total');
  });
});
