import type { Command } from 'commander';
import type { SavedSearchRecord } from '@tidings/contracts';
import { CliError, cliConfig, cliLogger, note, out, printJson, positiveInt, withRuntime } from '../context.js';

interface AddOptions {
  name?: string;
  webhook?: string;
  secret?: string;
  site?: string;
  lang?: string;
  author?: string;
  tag?: string;
  feed?: string;
  digest?: string;
  digestWebhook?: string;
  json?: boolean;
}

function describe(record: SavedSearchRecord): string {
  const filters = Object.entries(record.filters).map(([name, value]) => `${name}=${value}`);
  const query = record.query === '' ? '(filters only)' : JSON.stringify(record.query);
  const digest = record.digest ? [`digest every ${record.digest.every}${record.digest.webhook ? ` -> ${record.digest.webhook.url}` : ''}`] : [];
  return [record.id, query, ...filters, record.webhook ? `-> ${record.webhook.url}` : '(no webhook)', ...digest].join('  ');
}

/**
 * `tidings alerts add|list|show|remove`: saved searches that alert. Each
 * newly indexed article a saved search matches is posted to its webhook by
 * the alerter (`tidings worker alerter`, or `tidings start`).
 */
export function registerAlertCommands(program: Command): void {
  const alerts = program.command('alerts').description('saved searches that post newly indexed matches (or a digest of them) to a webhook');

  alerts
    .command('add')
    .description('save a search; prints its id (and the webhook secret, once, on stderr)')
    .argument('<query>', 'a query in the search language ("" with a filter: every article the filter keeps)')
    .option('--name <name>', 'a name for people (default: the query)')
    .option('--webhook <url>', 'post each match here (JSON, signed: X-Tidings-Signature: sha256=<HMAC-SHA256 hex>, and Standard Webhooks headers)')
    .option('--secret <secret>', 'the signing key (16 characters or more; made for you when left out)')
    .option('--site <site>', 'only this site name or host')
    .option('--lang <code>', 'only this language (en also matches en-GB)')
    .option('--author <name>', 'only this author')
    .option('--tag <tag>', 'only articles with this tag, or from a feed with it')
    .option('--feed <url>', 'only articles this feed listed (its URL)')
    .option('--digest <period>', 'collect matches into one message per period, 1h or 1d (to --digest-webhook, else to --webhook instead of a post per match)')
    .option('--digest-webhook <url>', "where digests go, when not to the search's --webhook (signed with --secret, or a secret made for it)")
    .option('--json', 'print the saved search as JSON (secret included)')
    .action(async (query: string, options: AddOptions) => {
      const { SavedSearchStore } = await import('@tidings/alerts');
      const { checkFetchable } = await import('@tidings/http');
      if (options.digestWebhook && !options.digest) throw new CliError('--digest-webhook needs --digest 1h or 1d', 2);
      const config = await cliConfig();
      const record = await withRuntime(config, await cliLogger(config, true), async (runtime) => {
        const store = new SavedSearchStore(runtime.redis, config.queuePrefix);
        const filters = { site: options.site, lang: options.lang, author: options.author, tag: options.tag, feed: options.feed };
        const secret = options.secret ? { secret: options.secret } : {};
        const webhook = options.webhook ? { webhook: { url: options.webhook, ...secret } } : {};
        const digest = options.digest ? { digest: { every: options.digest, webhook: options.digestWebhook ? { url: options.digestWebhook, ...secret } : null } } : {};
        return store
          .create(
            { query, ...(options.name ? { name: options.name } : {}), filters, ...webhook, ...digest },
            (url) => checkFetchable(url, { allowPrivate: config.fetch.allowPrivate }),
          )
          .catch((error: unknown) => {
            throw new CliError((error as Error).message, 2);
          });
      });
      if (options.json) return printJson(record);
      out(record.id);
      if (record.webhook && !options.secret) note(`tidings: webhook secret (shown once): ${record.webhook.secret}`);
      if (record.digest?.webhook && !options.secret) note(`tidings: digest webhook secret (shown once): ${record.digest.webhook.secret}`);
    });

  alerts
    .command('list')
    .description('list saved searches, oldest first')
    .option('--json', 'print {"savedSearches": [...]} as JSON (secrets left out)')
    .action(async (options: { json?: boolean }) => {
      const { SavedSearchStore, savedSearchView } = await import('@tidings/alerts');
      const config = await cliConfig();
      const records = await withRuntime(config, await cliLogger(config, true), (runtime) => new SavedSearchStore(runtime.redis, config.queuePrefix).list());
      if (options.json) return printJson({ savedSearches: records.map(savedSearchView) });
      if (records.length === 0) return out('no saved searches yet: tidings alerts add "<query>" --webhook <url>');
      for (const record of records) out(describe(record));
    });

  alerts
    .command('show')
    .description("a saved search and its webhook's latest delivery attempts")
    .argument('<id>', 'saved search id')
    .option('--limit <n>', 'delivery attempts to show (default 20, at most 200)', positiveInt('--limit', 200))
    .option('--json', 'print {"savedSearch": {...}, "deliveries": [...]} as JSON')
    .action(async (id: string, options: { limit?: number; json?: boolean }) => {
      const { SavedSearchStore, savedSearchView } = await import('@tidings/alerts');
      const config = await cliConfig();
      const found = await withRuntime(config, await cliLogger(config, true), async (runtime) => {
        const store = new SavedSearchStore(runtime.redis, config.queuePrefix);
        const record = await store.get(id);
        return record ? { record, deliveries: await store.deliveries(id, options.limit ?? 20) } : null;
      });
      if (!found) throw new CliError(`no saved search ${id} (tidings alerts list shows them)`);
      if (options.json) return printJson({ savedSearch: savedSearchView(found.record), deliveries: found.deliveries });
      out(describe(found.record));
      if (found.deliveries.length === 0) out('  no deliveries yet');
      for (const d of found.deliveries) {
        const what = d.digest ? `digest of ${d.digest.articles} articles to ${d.digest.to}` : `article ${d.articleId}`;
        out(`  ${d.at}  ${d.ok ? 'ok    ' : 'failed'}  ${d.status ?? '---'}  attempt ${d.attempt}  ${what}${d.error ? `  ${d.error}` : ''}`);
      }
    });

  alerts
    .command('remove')
    .description('delete a saved search (and its delivery log)')
    .argument('<id>', 'saved search id')
    .action(async (id: string) => {
      const { SavedSearchStore } = await import('@tidings/alerts');
      const config = await cliConfig();
      const removed = await withRuntime(config, await cliLogger(config, true), (runtime) => new SavedSearchStore(runtime.redis, config.queuePrefix).delete(id));
      if (!removed) throw new CliError(`no saved search ${id} (tidings alerts list shows them)`);
      out(id);
    });
}
