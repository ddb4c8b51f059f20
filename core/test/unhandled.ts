// Rejections nobody handled while a test file ran: a throw inside a promise that was discarded.
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Collects them from here on in this file; emptied after each test. */
export function unhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown) => seen.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));
  afterEach(() => {
    seen.length = 0;
  });
  return seen;
}
