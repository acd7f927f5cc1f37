import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * What docker-compose.yml promises an operator, checked on the file itself
 * (no Docker engine needed): durable Redis, healthchecks everywhere, workers
 * that start only on healthy dependencies and stop through tini, and no
 * default for a secret.
 */
interface Service {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  init?: boolean;
  stop_grace_period?: string;
  profiles?: string[];
  network_mode?: string;
  volumes?: string[];
  ports?: string[];
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
/** Tidings' own processes: not the stores, not the optional profiles (observability). */
const workers = Object.entries(services).filter(([name, service]) => !['redis', 'postgres'].includes(name) && !service.profiles);
const repoFile = (file: string) => new URL(`../${file.replace(/^\.\//, '')}`, import.meta.url);

describe('docker-compose.yml', () => {
  it('runs Redis with AOF and appendfsync always, as the guarantees require', () => {
    expect(services.redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--appendfsync', 'always']));
  });

  it('has a healthcheck on every service', () => {
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeDefined();
  });

  it('starts every Tidings process only once Redis and PostgreSQL are healthy, under tini, with time to drain', () => {
    expect(workers.map(([name]) => name).sort()).toEqual(['alerter', 'api', 'extractor', 'fetcher', 'indexer', 'parser', 'scheduler']);
    for (const [name, service] of workers) {
      expect(service.depends_on, name).toEqual({ redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
      expect(service.init, name).toBe(true);
      expect(service.stop_grace_period, name).toBeDefined();
      expect(service.environment?.REDIS_URL, name).toBe('redis://redis:6379');
      expect(service.environment?.TIDINGS_INDEX_URL, name).toMatch(/^postgres:\/\//);
    }
  });

  it('requires the API token and the database password instead of defaulting them', () => {
    expect(services.api?.environment?.TIDINGS_API_TOKEN).toMatch(/^\$\{TIDINGS_API_TOKEN:\?/);
    expect(services.postgres?.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    // The API keeps the shared settings: its own block extends them.
    expect(services.api?.environment?.TIDINGS_INDEX_URL).toBe(services.parser?.environment?.TIDINGS_INDEX_URL);
  });

  it('names in .env.example every variable the file requires', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const required = [...readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8').matchAll(/\$\{(\w+):\?/g)].map((match) => match[1]);
    for (const name of new Set(required)) expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  describe('the observability profile', () => {
    const prometheus = services.prometheus;
    const grafana = services.grafana;

    it('adds Prometheus and Grafana only with --profile observability', () => {
      expect(prometheus?.profiles).toEqual(['observability']);
      expect(grafana?.profiles).toEqual(['observability']);
      const others = Object.entries(services).filter(([, service]) => service.profiles);
      expect(others.map(([name]) => name).sort()).toEqual(['grafana', 'prometheus']);
    });

    it('mounts files that exist in the repository', () => {
      for (const [name, service] of [['prometheus', prometheus], ['grafana', grafana]] as const) {
        const binds = (service?.volumes ?? []).filter((volume) => volume.startsWith('./'));
        expect(binds.length, name).toBeGreaterThan(0);
        for (const bind of binds) expect(existsSync(repoFile(bind.split(':')[0]!)), bind).toBe(true);
      }
    });

    it('scrapes the API from inside its network, with the alert rules loaded', () => {
      expect(prometheus?.network_mode).toBe('service:api');
      const config = parse(readFileSync(repoFile('infra/observability/prometheus/prometheus.yml'), 'utf8')) as {
        rule_files: string[];
        scrape_configs: Array<{ metrics_path: string; static_configs: Array<{ targets: string[] }> }>;
      };
      // 127.0.0.1: a Host the API answers whatever TIDINGS_API_PUBLIC_URL says (DNS-rebinding guard).
      expect(config.scrape_configs[0]?.static_configs[0]?.targets).toEqual(['127.0.0.1:8080']);
      expect(config.scrape_configs[0]?.metrics_path).toBe('/metrics');
      expect(config.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
      expect(prometheus?.volumes).toContain('./infra/observability/prometheus/rules:/etc/prometheus/rules:ro');
    });

    it('gives Grafana the Prometheus datasource and the dashboard, provisioned', () => {
      const datasources = parse(readFileSync(repoFile('infra/observability/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as {
        datasources: Array<{ uid: string; url: string; type: string }>;
      };
      // Prometheus shares the API's network, so it answers on the api service's name.
      expect(datasources.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://api:9090', uid: 'tidings-prometheus' });
      const dashboard = JSON.parse(readFileSync(repoFile('infra/observability/grafana/dashboards/tidings-pipeline.json'), 'utf8')) as {
        uid: string;
        panels: Array<{ type: string; datasource?: { uid: string } }>;
      };
      expect(dashboard.uid).toBe('tidings-pipeline');
      for (const panel of dashboard.panels.filter((candidate) => candidate.type !== 'row')) expect(panel.datasource?.uid).toBe('tidings-prometheus');
      expect(grafana?.ports).toEqual(['127.0.0.1:3000:3000']);
    });
  });
});
