// "Sorun bildir": one JSON file support can read — versions, OS, settings, the connection and
// outbox at a glance, the tail of every log file, and the list of crash dumps. Never a token: the
// logs are scrubbed when written and again here, and the state is summarised, not copied.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClientState, Settings } from '../../protocol';
import { scrubText, scrubValue } from '../logging/redact';

/** Of each log file, its newest part (the current file whole, when small). */
const LOG_TAIL_BYTES = 256 * 1024;

export interface ReportInput {
  now: Date;
  versions: Record<string, string>;
  os: Record<string, string>;
  settings: Settings;
  state: ClientState;
  logDir?: string;
  crashDir?: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat();
}

async function logTails(dir: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const file of (await filesUnder(dir)).filter((f) => f.endsWith('.log')).sort()) {
    const text = await readFile(file, 'utf8');
    const tail = text.length > LOG_TAIL_BYTES ? text.slice(text.indexOf('\n', text.length - LOG_TAIL_BYTES) + 1) : text;
    out[path.basename(file)] = tail.split('\n').filter(Boolean).map(scrubText);
  }
  return out;
}

async function crashList(dir: string) {
  const files = (await filesUnder(dir)).filter((f) => f.endsWith('.dmp'));
  return Promise.all(
    files.map(async (f) => {
      const s = await stat(f);
      return { file: path.relative(dir, f), bytes: s.size, at: s.mtime.toISOString() };
    }),
  );
}

/** What support needs of the state, without the user's data or any token. */
function stateSummary(state: ClientState) {
  return {
    connection: {
      state: state.connection.state,
      since: new Date(state.connection.since).toISOString(),
      attempt: state.connection.attempt,
      reason: state.connection.reason,
      server: state.connection.server,
    },
    user: state.user ? { id: state.user.id, role: state.user.role } : undefined,
    sessionPersistent: state.sessionPersistent,
    channels: state.channels,
    quality: state.quality && {
      level: state.quality.level,
      rttMs: state.quality.rttMs,
      missedPongs: state.quality.missedPongs,
      reconnects: state.quality.reconnects,
    },
    outbox: state.outbox && {
      pending: state.outbox.pending.map((p) => ({ type: p.action.type, attempts: p.attempts, createdAt: p.createdAt })),
      failed: state.outbox.failed.map((f) => ({ type: f.action.type, code: f.error.code, failedAt: f.failedAt })),
    },
    alerts: state.alerts,
  };
}

export async function buildProblemReport(input: ReportInput): Promise<string> {
  const report = {
    kind: 'meschain-live-problem-report',
    createdAt: input.now.toISOString(),
    versions: input.versions,
    os: input.os,
    settings: input.settings,
    state: stateSummary(input.state),
    crashes: input.crashDir ? await crashList(input.crashDir) : [],
    logs: input.logDir ? await logTails(input.logDir) : {},
  };
  return `${JSON.stringify(scrubValue(report), null, 2)}\n`;
}

export function reportFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `meschain-live-rapor-${stamp}.json`;
}
