import pino, { type Logger } from 'pino';

/**
 * Paths redacted from every log line: client credentials and vendor keys never reach the logs,
 * whichever header they travel in.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.apikey',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.apikey',
  'apiKey',
  '*.apiKey',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
