// OpenTelemetry tracing of stage jobs. Loaded (with every OpenTelemetry module) only when
// OTEL_EXPORTER_OTLP_ENDPOINT is set: service.ts imports this file dynamically.
import os from 'node:os';
import { DelayedError } from 'bullmq';
import type { Logger } from 'pino';
import { describeError } from '@tidings/contracts';
import { TIDINGS_VERSION } from '@tidings/http/version';
import { setJobTracing, type TraceCarrier } from '@tidings/queue';

/** Running tracing, and how to flush and stop it. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/** Result fields recorded on a span, when the handler returned them as plain values. */
function resultAttributes(result: unknown): Record<string, string | number | boolean> {
  if (!result || typeof result !== 'object') return {};
  const attributes: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(result)) {
    if (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= 512)) attributes[`tidings.result.${key}`] = value;
  }
  return attributes;
}

/**
 * Sends a span for every stage job attempt of this process to the OTLP/HTTP
 * collector at `endpoint`, each the child of the span that queued the job
 * (its context travels in the job's data, see @tidings/queue job-tracing), so
 * one article's feed poll, parse, fetch, extraction and indexing form one
 * trace across processes. Spans name the feed and the URL, the outcome code,
 * the handler's result figures (status, bytes...) and the duration.
 */
export async function startTracing(options: { endpoint: string; role: string; log?: Logger }): Promise<Tracing> {
  const [api, sdk, { OTLPTraceExporter }, { resourceFromAttributes }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
  ]);
  const base = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
  const exporter = new OTLPTraceExporter({ url: new URL('v1/traces', base).href });
  const provider = new sdk.TracerProvider({
    resource: resourceFromAttributes({
      'service.name': `tidings-${options.role}`,
      'service.version': TIDINGS_VERSION,
      'service.instance.id': `${os.hostname()}:${process.pid}`,
      'host.name': os.hostname(),
      'process.pid': process.pid,
    }),
    spanProcessors: [new sdk.BatchSpanProcessor({ exporter, scheduledDelayMillis: 1_000 })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(contextManager);
  const propagator = new W3CTraceContextPropagator();
  const tracer = provider.getTracer('tidings', TIDINGS_VERSION);

  setJobTracing({
    inject() {
      const carrier: TraceCarrier = {};
      propagator.inject(api.context.active(), carrier, api.defaultTextMapSetter);
      return Object.keys(carrier).length > 0 ? carrier : undefined;
    },
    run(queue, carrier, attributes, attempt) {
      const parent = carrier ? propagator.extract(api.ROOT_CONTEXT, carrier, api.defaultTextMapGetter) : api.ROOT_CONTEXT;
      return tracer.startActiveSpan(queue, { kind: api.SpanKind.CONSUMER, attributes }, parent, async (span) => {
        const started = performance.now();
        try {
          const result = await attempt();
          span.setAttributes({ ...resultAttributes(result), 'tidings.outcome': 'ok' });
          return result;
        } catch (error) {
          if (error instanceof DelayedError) {
            span.setAttribute('tidings.outcome', 'deferred');
          } else {
            const { code, message } = describeError(error);
            span.setAttribute('tidings.outcome', code);
            span.setStatus({ code: api.SpanStatusCode.ERROR, message });
          }
          throw error;
        } finally {
          span.setAttribute('tidings.duration_ms', Math.round(performance.now() - started));
          span.end();
        }
      });
    },
  });
  options.log?.info({ endpoint: options.endpoint }, 'sending OpenTelemetry traces');

  return {
    shutdown: async () => {
      setJobTracing(null);
      await provider.shutdown().catch((error: unknown) => options.log?.warn({ err: error }, 'could not flush the last traces'));
      contextManager.disable();
      api.context.disable();
    },
  };
}
