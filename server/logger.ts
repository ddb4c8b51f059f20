// Structured JSON logs; tokens, passwords and authorization headers never reach them.
import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'meschain-live-gateway' },
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.token', '*.accessToken', '*.refreshToken'],
      censor: '[redacted]',
    },
  });
}
