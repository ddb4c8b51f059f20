// HTTP responses compressed when the client asks (brotli, else gzip) and they are worth it:
// snapshots, queries and exports are large, repetitive JSON read once per connect or click. Brotli
// at quality 4 is the usual setting for dynamic content: most of its gain at a gzip-like CPU cost.
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { constants } from 'node:zlib';

/** Below this many bytes a response goes as it is: headers and CPU would cost more than it saves. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}
