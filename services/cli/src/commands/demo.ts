import type { Command } from 'commander';
import { cliConfig, cliLogger, note, out, positiveInt, withRuntime } from '../context.js';
import { progressReporter } from '../progress.js';
import { reportRun } from './pipeline.js';

/**
 * `demo`: serves the bundled sample news site (@tidings/demo-site) on 127.0.0.1,
 * subscribes to its feeds and runs the pipeline, so a newcomer sees articles
 * arrive and can search them without internet.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('serve the bundled sample news site on 127.0.0.1, subscribe to its feeds and ingest them')
    .option('--port <port>', 'port for the sample site', positiveInt('--port'), 8931)
    .option('--serve', 'keep the site and every worker running afterwards (Ctrl-C to stop)')
    .action(async (options: { port: number; serve?: boolean }) => {
      // Loaded here, not at start: only `demo` serves the sample site (@tidings/demo-site, compiled like every package).
      const { startSite } = await import('@tidings/demo-site');
      const { startServices, whenStopRequested } = await import('@tidings/runtime');
      const { runUntilIdle, servicesNamed, WORKER_NAMES } = await import('../pipeline.js');
      const base = await cliConfig();
      // The sample site lives on loopback, which the SSRF guard refuses unless allowed.
      // It is our own site on loopback too: no need to space requests out politely.
      const config = {
        ...base,
        fetch: { ...base.fetch, allowPrivate: [...base.fetch.allowPrivate, '127.0.0.1/32'] },
        politeness: { ...base.politeness, hostDelayMs: 0 },
      };
      const site = await startSite({ port: options.port });
      note(`demo: sample news site at ${site.url}/`);
      try {
        await withRuntime(config, await cliLogger(config, true), async (runtime) => {
          for (const url of site.feeds.all) {
            const { feed } = await runtime.index.addFeed(url);
            note(`demo: subscribed ${url} (feed ${feed.id})`);
          }
          const progress = progressReporter();
          const summary = await runUntilIdle(runtime, progress.update).finally(progress.end);
          reportRun(summary, false);
          const result = await runtime.index.search('Lachin corridor', { limit: 3 });
          out(`\nsearch "Lachin corridor": ${result.total} hit${result.total === 1 ? '' : 's'}`);
          for (const hit of result.hits) out(`  ${hit.title}  (id ${hit.id})`);
          out(`\nnext: pnpm --silent tidings search "lachin corridor"   ·   pnpm --silent tidings show <id>   ·   pnpm --silent tidings feeds`);
          if (options.serve) {
            const pipeline = await startServices(runtime, servicesNamed(WORKER_NAMES));
            note('demo: site and workers running; Ctrl-C to stop');
            await whenStopRequested();
            await pipeline.close();
          }
        });
      } finally {
        await site.close();
      }
    });
}
