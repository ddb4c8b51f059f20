// The one pass over an export's bytes on their way to disk: it puts the UTF-8 BOM in front when the
// gateway did not (Excel needs it to read UTF-8), and counts bytes and CSV records as they pass, for
// the progress the console shows. Nothing is held beyond the first three bytes.
import { Transform, type TransformCallback } from 'node:stream';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const QUOTE = 0x22;
const NEWLINE = 0x0a;

export class CsvMeter extends Transform {
  /** Bytes passed on (the BOM included). */
  bytes = 0;
  /** Records ended so far (the header included): line ends outside quoted fields. */
  rows = 0;
  private head: Buffer | undefined = Buffer.alloc(0);
  private quoted = false;

  constructor(private readonly onChunk: () => void = () => undefined) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.head) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < UTF8_BOM.length) return done();
      chunk = this.start(this.head);
    }
    this.pass(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.head) this.pass(this.start(this.head));
    done();
  }

  private start(head: Buffer): Buffer {
    this.head = undefined;
    if (head.subarray(0, UTF8_BOM.length).equals(UTF8_BOM)) return head;
    this.push(UTF8_BOM);
    this.bytes += UTF8_BOM.length;
    return head;
  }

  private pass(chunk: Buffer): void {
    // UTF-8 never uses these two byte values inside a multi-byte character, so bytes are enough.
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === QUOTE) this.quoted = !this.quoted;
      else if (b === NEWLINE && !this.quoted) this.rows++;
    }
    this.bytes += chunk.length;
    this.push(chunk);
    this.onChunk();
  }
}
