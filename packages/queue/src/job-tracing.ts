import type { QueueName } from '@tidings/contracts';

/** Where a job's data carries its trace context (W3C `traceparent`...); the payload schemas ignore it. */
export const TRACE_FIELD = '_trace';

/** Trace context as carried in a job's data: W3C header names and values. */
export type TraceCarrier = Record<string, string>;

/**
 * How jobs are traced, when tracing is on (runtime/tracing.ts installs it
 * when OTEL_EXPORTER_OTLP_ENDPOINT is set). This package only calls it: it
 * loads no tracing library, so without tracing nothing is loaded and a job
 * pays one null check.
 */
export interface JobTracing {
  /** The active trace context, to carry in a job being added (undefined outside any trace). */
  inject(): TraceCarrier | undefined;
  /** Runs one attempt of a `queue` job in a span, the child of `carrier`'s context (a new trace without one). */
  run<T>(queue: QueueName, carrier: TraceCarrier | undefined, attributes: Record<string, string | number>, attempt: () => Promise<T>): Promise<T>;
}

let current: JobTracing | null = null;

/** Installs (or with null removes) this process's job tracing. */
export function setJobTracing(tracing: JobTracing | null): void {
  current = tracing;
}

/** This process's job tracing, or null when off. */
export function jobTracing(): JobTracing | null {
  return current;
}

/** The trace context a job's data carries, if any. */
export function traceCarrierOf(data: unknown): TraceCarrier | undefined {
  const carrier = (data as Record<string, unknown> | null)?.[TRACE_FIELD];
  if (!carrier || typeof carrier !== 'object') return undefined;
  return Object.fromEntries(Object.entries(carrier).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Span attributes naming what a job is about: its feed and URL (from the payload's own fields). */
export function jobAttributes(queue: QueueName, payload: unknown, attempt: number): Record<string, string | number> {
  const data = (payload ?? {}) as Record<string, unknown>;
  const attributes: Record<string, string | number> = { 'tidings.queue': queue, 'tidings.attempt': attempt };
  for (const [field, attribute] of [
    ['feedId', 'tidings.feed.id'],
    ['feedUrl', 'tidings.feed.url'],
    ['itemUrl', 'url.full'],
    ['finalUrl', 'tidings.final_url'],
    ['canonicalUrl', 'tidings.canonical_url'],
  ] as const) {
    const value = data[field];
    if (typeof value === 'string') attributes[attribute] = value;
  }
  return attributes;
}
