import { readFileSync } from 'node:fs';
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
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const workers = Object.entries(services).filter(([name]) => !['redis', 'postgres'].includes(name));

describe('docker-compose.yml', () => {
  it('runs Redis with AOF and appendfsync always, as the guarantees require', () => {
    expect(services.redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--appendfsync', 'always']));
  });

  it('has a healthcheck on every service', () => {
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeDefined();
  });

  it('starts every Tidings process only once Redis and PostgreSQL are healthy, under tini, with time to drain', () => {
    expect(workers.map(([name]) => name).sort()).toEqual(['api', 'extractor', 'fetcher', 'indexer', 'parser', 'scheduler']);
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
});
