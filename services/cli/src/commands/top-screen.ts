// What `tidings top` draws (renderTop, pure) and the live loop that redraws it in place. Apart
// from top.ts, which registers the command, so that only `top` loads @tidings/metrics.
import type { PipelineView } from '@tidings/metrics';
import { formatQuantile, formatSeconds, redisLines } from './status.js';

const SPARKS = '▁▂▃▄▅▆▇█';
/** Minutes of history in each stage's sparkline. */
const SPARK_MINUTES = 30;

/** Which worker role runs each queue. */
const ROLES: Record<string, string> = { 'feed-fetch': 'fetcher', 'feed-parse': 'parser', 'article-fetch': 'fetcher', 'article-extract': 'extractor', 'article-index': 'indexer' };

/** A sparkline of per-minute counts: one character a minute, the highest minute full height. Pure. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((value) => (value <= 0 || max === 0 ? ' ' : (SPARKS[Math.min(SPARKS.length - 1, Math.ceil((value / max) * SPARKS.length) - 1)] ?? ' '))).join('');
}

/** A quantile for people, `>30d` when it lies beyond the last bucket. */

const clip = (line: string, width: number) => (line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line);

/**
 * The screen `tidings top` shows for one sample: stages in flow order
 * (counts, an hour's completions as a sparkline of the last half hour,
 * durations, top failure codes), the lag, the index, failing feeds and live
 * workers. Lines are cut to `width`. Pure.
 */
export function renderTop(view: PipelineView, width: number, now = Date.now()): string[] {
  const lines: string[] = [];
  lines.push(`tidings top · ${new Date(view.at).toLocaleTimeString()} · ${view.workers.length} live worker${view.workers.length === 1 ? '' : 's'} · q to quit`);
  lines.push('');
  lines.push(`${'stage'.padEnd(16)} ${'role'.padEnd(9)} ${'wait'.padStart(6)} ${'active'.padStart(6)} ${'delay'.padStart(6)} ${'failed'.padStart(6)} ${'/min'.padStart(6)}  ${'last 30 min'.padEnd(SPARK_MINUTES)} ${'p50'.padStart(6)} ${'p95'.padStart(6)}  failures`);
  for (const stage of view.stages) {
    const recent = stage.completedPerMinute.slice(-5);
    const perMinute = recent.reduce((sum, value) => sum + value, 0) / Math.max(recent.length, 1);
    const codes = stage.failureCodes.map(({ code, count }) => `${code}×${count}`).join(' ') || '-';
    lines.push(
      `${stage.queue.padEnd(16)} ${(ROLES[stage.queue] ?? '').padEnd(9)} ${String(stage.counts.waiting).padStart(6)} ${String(stage.counts.active).padStart(6)} ${String(stage.counts.delayed).padStart(6)} ${String(stage.counts.failed).padStart(6)} ${perMinute.toFixed(1).padStart(6)}  ${sparkline(stage.completedPerMinute.slice(-SPARK_MINUTES)).padEnd(SPARK_MINUTES)} ${formatQuantile(stage.duration, 'p50').padStart(6)} ${formatQuantile(stage.duration, 'p95').padStart(6)}  ${codes}`,
    );
  }
  lines.push('');
  lines.push(`lag published → indexed: p50 ${formatQuantile(view.lag, 'p50')} · p95 ${formatQuantile(view.lag, 'p95')} (${view.lag.count} articles)`);
  lines.push(`index: ${view.index.articles} articles · ${view.index.feeds} feeds (${view.index.feedsFailing} failing, ${view.index.feedsPaused} paused, ${view.index.feedsDue} due) · ${view.articlesIndexed} indexed by the workers`);
  lines.push(...redisLines(view.redis));
  lines.push('');
  lines.push(`feeds failing now: ${view.feedsFailing.length === 0 ? 'none' : ''}`);
  for (const feed of view.feedsFailing.slice(0, 5)) lines.push(`  ${feed.code.padEnd(11)} ×${String(feed.consecutiveFailures).padEnd(3)} ${feed.state.padEnd(7)} ${feed.url}  ${feed.errorCode ? `[${feed.errorCode}] ` : ''}${feed.error ?? ''}`);
  if (view.feedsFailing.length > 5) lines.push(`  … and ${view.feedsFailing.length - 5} more (tidings feeds)`);
  lines.push('');
  lines.push(`workers: ${view.workers.length === 0 ? 'none alive (no heartbeat)' : ''}`);
  for (const worker of view.workers) {
    const last = worker.lastJobAt ? `${formatSeconds((now - Date.parse(worker.lastJobAt)) / 1000)} ago` : 'never';
    lines.push(`  ${worker.role.padEnd(10)} ${worker.host} pid ${worker.pid} v${worker.version} · up ${formatSeconds((now - Date.parse(worker.startedAt)) / 1000)} · ${worker.jobsDone} jobs · last ${last}`);
  }
  return lines.map((line) => clip(line, width));
}

/** Terminal control: alternate screen, cursor home, clear to end of line / screen, cursor visibility. */
const ESC = { enter: '\x1b[?1049h\x1b[?25l', leave: '\x1b[?25h\x1b[?1049l', home: '\x1b[H', eol: '\x1b[K', eos: '\x1b[J' };

/** Redraws every `intervalMs` (and on resize) until q, Ctrl-C or a stop signal; restores the terminal. */
export async function runLive(read: () => Promise<PipelineView>, intervalMs: number): Promise<void> {
  const { stdin, stdout } = process;
  let last: PipelineView | null = null;
  let error: string | null = null;
  const draw = () => {
    const lines = last ? renderTop(last, stdout.columns || 120) : ['tidings top · reading…'];
    if (error) lines.push('', `could not read the figures: ${error}`.slice(0, stdout.columns || 120));
    const rows = stdout.rows || 50;
    stdout.write(ESC.home + lines.slice(0, rows).map((line) => line + ESC.eol).join('\n') + ESC.eos);
  };
  const refresh = async () => {
    try {
      last = await read();
      error = null;
    } catch (failure) {
      error = (failure as Error).message;
    }
    draw();
  };

  stdout.write(ESC.enter);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        clearTimeout(timer);
        stdin.off('data', onKey);
        stdout.off('resize', draw);
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        resolve();
      };
      const onKey = (key: string) => {
        if (key === 'q' || key === 'Q' || key === '\u0003' || key === '\u001b') stop();
      };
      // One read at a time: the next is scheduled once this one is drawn.
      const loop = async () => {
        await refresh();
        if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
      };
      stdin.on('data', onKey);
      stdout.on('resize', draw);
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      void loop();
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    stdout.write(ESC.leave);
  }
}
