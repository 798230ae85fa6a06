import pino, { type Logger } from 'pino';
import { logValue } from '../observability/log-value';

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

/** Webhook URLs carry their secret in the path. */
export function redactUrl(url: string): string {
  return url.replace(/^(\/webhooks\/[^/?#]+\/)[^/?#]+/, '$1[redacted]');
}

/**
 * On a terminal, human-readable lines (pino-pretty, a devDependency: absent from the production
 * image, where the logs are JSON anyway); elsewhere undefined, i.e. JSON on stdout.
 */
export function prettyOnTerminal(stdout: { isTTY?: boolean }): pino.DestinationStream | undefined {
  if (!stdout.isTTY) return undefined;
  let pretty: typeof import('pino-pretty');
  try {
    pretty = require('pino-pretty') as typeof import('pino-pretty');
  } catch {
    return undefined;
  }
  return pretty({
    translateTime: 'SYS:HH:MM:ss.l',
    // Said by the message instead: the banner's fields, and the request line's request and answer.
    ignore: 'pid,hostname,banner,req,res,responseTime',
    messageFormat: (log, messageKey) => {
      const req = log.req as { method?: string; url?: string } | undefined;
      const res = log.res as { statusCode?: number } | undefined;
      const message = String(log[messageKey] ?? '');
      if (!req) return message;
      const answered = res?.statusCode === undefined ? '' : ` → ${res.statusCode}${log.responseTime === undefined ? '' : ` in ${log.responseTime} ms`}`;
      return `${req.method} ${req.url}${answered} · ${message}`;
    },
    singleLine: true,
    sync: true,
  });
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; hostname?: string; ip?: string }) => ({
        method: req.method,
        url: req.url === undefined ? undefined : logValue(redactUrl(req.url)),
        host: req.hostname,
        remoteAddress: req.ip,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
