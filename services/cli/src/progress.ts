import type { RunSummary } from './pipeline.js';

/** What the progress line reports, at one moment of a run. */
export interface ProgressFigures {
  summary: RunSummary;
  /** Jobs waiting, active or delayed in any queue. */
  pending: number;
  elapsedMs: number;
}

/** 75_000 -> "1:15", 3_725_000 -> "1:02:05". */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** The counts of a run, without the timing: two moments with the same counts made no progress. */
export function progressCounts({ summary, pending }: Pick<ProgressFigures, 'summary' | 'pending'>): string {
  const c = summary.completed;
  return `feeds ${c['feed-fetch']}/${summary.feeds} fetched, ${c['feed-parse']} parsed · articles ${c['article-fetch']} fetched, ${c['article-extract']} extracted, ${c['article-index']} indexed · ${summary.failed.length} failed · ${pending} pending`;
}

/**
 * The whole line: counts, the rate of finished jobs, time so far and an
 * estimate of the time left (pending jobs at the rate so far; none before
 * any job has finished).
 */
export function progressText(figures: ProgressFigures): string {
  const done = Object.values(figures.summary.completed).reduce((sum, n) => sum + n, 0) + figures.summary.failed.length;
  const seconds = figures.elapsedMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 && figures.pending > 0 ? ` · ETA ${clock((figures.pending / rate) * 1000)}` : '';
  return `[run] ${progressCounts(figures)} · ${rate.toFixed(1)} jobs/s · ${clock(figures.elapsedMs)}${eta}`;
}

/**
 * Reports a run's progress on `stream`: on a terminal one line redrawn in
 * place; elsewhere (a log file, CI) a line only when the counts changed.
 * `end()` finishes the redrawn line.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now) {
  const started = now();
  let lastCounts = '';
  let drawn = false;
  return {
    update(summary: RunSummary, pending: number): void {
      const figures = { summary, pending, elapsedMs: now() - started };
      if (stream.isTTY) {
        const width = stream.columns > 0 ? stream.columns - 1 : 200;
        stream.write(`\r\x1b[2K${progressText(figures).slice(0, width)}`);
        drawn = true;
        return;
      }
      const counts = progressCounts(figures);
      if (counts === lastCounts) return;
      lastCounts = counts;
      stream.write(`${progressText(figures)}\n`);
    },
    end(): void {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
