// `pnpm chaos [--feeds N] [--per-feed N] [--kill-every 3s] [--no-redis-kill] [--volatile-redis] [--postgres] [--extractors N] [--fetchers N] [--indexers N] [--keep]`: see chaos.ts.
import { parseArgs } from 'node:util';
import { parseDuration } from '@tidings/config';
import { runChaos } from './chaos.js';
import { startPostgresCluster } from './postgres.js';

const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: '40' },
    'per-feed': { type: 'string', default: '25' },
    'kill-every': { type: 'string', default: '3s' },
    'max-time': { type: 'string', default: '15m' },
    'no-redis-kill': { type: 'boolean', default: false },
    'volatile-redis': { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    extractors: { type: 'string', default: '2' },
    fetchers: { type: 'string', default: '2' },
    indexers: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});

const postgres = values.postgres ? await startPostgresCluster() : null;
// Ctrl-C ends the run cleanly: worker process groups, Redis and PostgreSQL of the run are stopped, and it reports.
const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort());
process.once('SIGTERM', () => interrupted.abort());
try {
  const report = await runChaos({
    feeds: Number(values.feeds),
    perFeed: Number(values['per-feed']),
    roles: { scheduler: 1, fetcher: Number(values.fetchers), parser: 1, extractor: Number(values.extractors), indexer: Number(values.indexers) },
    killEveryMs: parseDuration(values['kill-every']),
    killRedis: !values['no-redis-kill'],
    volatileRedis: values['volatile-redis'],
    maxMs: parseDuration(values['max-time']),
    keep: values.keep,
    signal: interrupted.signal,
    ...(postgres ? { postgres: { url: postgres.url, outage: () => postgres.outage(10_000) } } : {}),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const rows: Array<[string, string | number]> = [
    ['index', postgres ? 'PostgreSQL (stopped for 10 s once)' : 'SQLite'],
    ['articles expected', report.articlesExpected],
    ['indexed', report.indexed],
    ['lost', report.lost],
    ['duplicated', report.duplicated],
    ['indexed, never announced (alerts, live streams)', values['volatile-redis'] ? `${report.unannounced} (the stream went with Redis)` : report.unannounced],
    ['failed jobs', report.failedJobs],
    ['worker kills (SIGKILL)', report.kills],
    ['Redis restarts (SIGKILL)', values['volatile-redis'] ? `${report.redisRestarts} (no persistence: restarted empty)` : report.redisRestarts],
    ['PostgreSQL outages', report.postgresOutages],
    ['worker processes that crashed by themselves', report.unexpectedExits],
    ['time to drain (s)', report.drainSeconds.toFixed(1)],
    ['fetch amplification (page fetches per article)', report.fetchAmplification.toFixed(3)],
  ];
  console.log('| measure | value |\n|---|---:|');
  for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
  if (report.failedReasons.length > 0) console.log(`\nfailed: ${report.failedReasons.join('\n        ')}`);
  if (report.dir) console.log(`\nrun directory kept: ${report.dir}`);
  const announcedAll = values['volatile-redis'] || report.unannounced === 0;
  process.exitCode = report.lost === 0 && report.duplicated === 0 && announcedAll && report.failedJobs === 0 && report.unexpectedExits === 0 ? 0 : 1;
} finally {
  await postgres?.stop();
}
