import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';

/** The active trace's ids (W3C, as the collector shows them); none when tracing is off. */
function traceIds(): { traceId?: string; spanId?: string } {
  const ids = trace.getActiveSpan()?.spanContext();
  return ids && trace.isSpanContextValid(ids) ? { traceId: ids.traceId, spanId: ids.spanId } : {};
}

/**
 * Structured JSON logs. Medical data never reaches a log line: log ids, codes and counts, never
 * names, notes, diagnoses or request variables. The redact list is a second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'healthcare-api' },
      // Every line written inside a traced request carries its trace id.
      mixin: traceIds,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'password',
          '*.password',
          'authorization',
          '*.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
          'variables',
          '*.variables',
          'token',
          '*.token',
          'refreshToken',
          '*.refreshToken',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
