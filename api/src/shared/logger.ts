import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Medical data never reaches a log line: log ids, codes and counts, never
 * names, notes, diagnoses or request variables. The redact list is a second line of defence.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'healthcare-api' },
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
