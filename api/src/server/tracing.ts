import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import type { ExportResult } from '@opentelemetry/core';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { register } from 'node:module';

/**
 * A statement with every literal (quoted string, dollar-quoted string, number) replaced by `?`:
 * what a trace may show of SQL that carries names, e-mail addresses or clinical data.
 */
export function statementShape(sql: string): string {
  return sql
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?')
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '?');
}

/**
 * Error messages can quote the values that failed (a driver's message often does): spans leave
 * with the exception's type and stack only, and a status without a message.
 */
function withoutErrorMessages(span: ReadableSpan): ReadableSpan {
  return new Proxy(span, {
    get(target, property, receiver) {
      if (property === 'status') {
        return { code: target.status.code };
      }
      if (property === 'events') {
        return target.events.map((event) => {
          if (event.name !== 'exception' || !event.attributes) {
            return event;
          }
          const { ['exception.message']: _message, ['exception.stacktrace']: stack, ...attributes } = event.attributes;
          // The stack's first line repeats the message: keep the frames only.
          const frames = (typeof stack === 'string' ? stack : '')
            .split('\n')
            .filter((line) => line.trim().startsWith('at '))
            .join('\n');
          return { ...event, attributes: { ...attributes, 'exception.stacktrace': frames } };
        });
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

class ScrubbingExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans.map(withoutErrorMessages), done);
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

export interface Tracing {
  /** Sends the spans still buffered, then stops exporting. */
  shutdown(): Promise<void>;
}

/** Paths that are probes or scrapes: no trace for them (they would drown the real requests). */
const UNTRACED = new Set(['/health', '/ready', '/metrics']);

/**
 * OpenTelemetry tracing to the OTLP/HTTP collector at `endpoint` (main.ts loads this module only
 * when one is named): spans of HTTP (incoming W3C `traceparent` continues the caller's trace),
 * Express, GraphQL (operation names, never variables or values) and pg (statements as prepared,
 * with `?` placeholders; the trace context is propagated to PostgreSQL as a SQL comment, visible
 * in pg_stat_activity).
 *
 * Must run before express, graphql and pg are imported: it registers the ESM loader hook that
 * lets the instrumentations patch them (main.ts imports the application after it).
 */
export function startTracing(options: { endpoint: string; serviceVersion?: string }): Tracing {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: 'healthcare-api',
      ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
    }),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: new ScrubbingExporter(
          new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }),
        ),
        scheduledDelayMillis: 1_000,
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED.has((request.url ?? '').split('?')[0] ?? ''),
        // Headers and bodies are never recorded: they carry tokens and clinical data.
        headersToSpanAttributes: { server: { requestHeaders: [], responseHeaders: [] } },
      }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ allowValues: false, mergeItems: true, ignoreTrivialResolveSpans: true }),
      new PgInstrumentation({
        enhancedDatabaseReporting: false,
        addSqlCommenterCommentToQueries: true,
        // The ORM inlines values into its SQL: the span keeps the statement's shape only.
        requestHook: (span, info) => {
          const shape = statementShape(info.query.text);
          span.setAttribute('db.query.text', shape);
          span.setAttribute('db.statement', shape);
        },
      }),
    ],
  });
  return {
    shutdown: () => provider.shutdown(),
  };
}
