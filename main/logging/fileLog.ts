// One rotating log file per process in the user-data folder (`logs/main.N.log`,
// `logs/renderer.N.log`): pino lines, levels, no secrets (redacted by field name and scrubbed from
// every string), the oldest files removed past a count. An installed app has no stderr to read.
import path from 'node:path';
import pino, { type Logger as PinoLogger } from 'pino';
import pinoRoll from 'pino-roll';
import type { Logger } from '../../core';
import { CENSOR, REDACT_PATHS, scrubText, scrubValue } from './redact';

export type LogProcess = 'main' | 'renderer';

export interface FileLog {
  readonly logger: PinoLogger;
  /** The folder holding every process's files. */
  readonly dir: string;
  /** Writes what is buffered (before a report is gathered, or a crash dialog). */
  flush(): void;
  close(): Promise<void>;
}

export interface FileLogOptions {
  dir: string;
  process: LogProcess;
  level?: 'debug' | 'info' | 'warn' | 'error';
  /** Size of one file before it rolls over (pino-roll syntax: '5m', '512k'). */
  size?: string;
  /** Files kept besides the current one. */
  keep?: number;
}

export const LOG_DEFAULTS = { size: '5m', keep: 4 } as const;

export async function openFileLog(options: FileLogOptions): Promise<FileLog> {
  const stream = await pinoRoll({
    file: path.join(options.dir, options.process),
    extension: '.log',
    size: options.size ?? LOG_DEFAULTS.size,
    mkdir: true,
    // Each line on disk before the call returns: the lines just before a crash are the ones needed.
    sync: true,
    limit: { count: options.keep ?? LOG_DEFAULTS.keep, removeOtherLogFiles: true },
  });
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { process: options.process, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      formatters: { log: (obj) => scrubValue(obj) as Record<string, unknown> },
      hooks: {
        // The message text is not a field: scrub it (and any extra string argument) too.
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
          return method.apply(this, clean);
        },
      },
    },
    stream,
  );
  return {
    logger,
    dir: options.dir,
    flush: () => stream.flushSync(),
    close: () =>
      new Promise<void>((resolve) => {
        stream.once('close', resolve);
        stream.end();
      }),
  };
}

/** Core's logger port over a pino logger (the same method shape). */
export function asCoreLogger(logger: PinoLogger): Logger {
  return {
    debug: (fields, msg) => logger.debug(fields, msg),
    info: (fields, msg) => logger.info(fields, msg),
    warn: (fields, msg) => logger.warn(fields, msg),
    error: (fields, msg) => logger.error(fields, msg),
  };
}
