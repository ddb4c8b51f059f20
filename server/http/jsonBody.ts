// Request bodies: JSON only (anything else is 415, never a guess), parsed by Fastify's own parser
// (which refuses __proto__ and constructor poisoning), and with no NUL character in any string or
// key: PostgreSQL cannot store one, and no field of ours means one.
import type { FastifyInstance } from 'fastify';
import { LiveError } from '../../protocol';

const NUL_ESCAPE = /\\u0000/i;
const nulError = () => new LiveError('bad_request', 'Request body holds a NUL character (\\u0000)');

/** True when the JSON text holds a NUL in a string or key (raw or escaped). */
export function holdsNul(text: string): boolean {
  if (text.includes('\0')) return true;
  // The slower look runs only when an escaped NUL may be there at all.
  if (!NUL_ESCAPE.test(text)) return false;
  let found = false;
  try {
    JSON.parse(text, (key: string, value: unknown) => {
      if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) found = true;
      return value;
    });
  } catch {
    return false; // not JSON: the parser proper says so
  }
  return found;
}

export function installJsonBody(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (holdsNul(body as string)) {
      done(nulError(), undefined);
      return;
    }
    json(req, body as string, done);
  });
}
