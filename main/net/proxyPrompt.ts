// Asks the person for a proxy's credentials through the console (Electron has no input dialog):
// the window comes up with a form, the answer comes back over IPC. Unanswered within five minutes,
// or cancelled, it is no.
import type { ProxyAuthAnswer, ProxyAuthRequest } from '../../protocol';
import type { ProxyCredentials } from './proxyAuth';

export const PROMPT_TIMEOUT_MS = 5 * 60_000;

export function createProxyPrompt(deps: {
  show: () => Promise<void>;
  send: (req: ProxyAuthRequest) => void;
  randomId: () => string;
  timeoutMs?: number;
}) {
  const pending = new Map<string, (c: ProxyCredentials | undefined) => void>();
  return {
    ask(info: { host: string; port: number; realm?: string }): Promise<ProxyCredentials | undefined> {
      const id = deps.randomId();
      return new Promise((resolve) => {
        const timer = setTimeout(() => done(undefined), deps.timeoutMs ?? PROMPT_TIMEOUT_MS);
        timer.unref?.();
        const done = (c: ProxyCredentials | undefined) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(c);
        };
        pending.set(id, done);
        void deps.show().then(
          () => deps.send({ id, ...info }),
          () => done(undefined),
        );
      });
    },
    /** The console's answer; an unknown or stale id changes nothing. */
    answer(a: ProxyAuthAnswer): void {
      const done = pending.get(a.id);
      if (!done) return;
      done('cancel' in a ? undefined : { username: a.username, password: a.password });
    },
  };
}
