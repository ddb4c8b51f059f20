// A progress bar on stderr for long runs: redrawn in place on a terminal, a line every 10%
// otherwise (CI logs), and always finished with a newline.
export interface Progress {
  update(done: number, note?: string): void;
  finish(note?: string): void;
}

const WIDTH = 30;

export function progress(label: string, total: number, out: NodeJS.WriteStream = process.stderr): Progress {
  const tty = out.isTTY === true;
  let lastDecile = -1;
  let finished = false;
  const line = (done: number, note?: string) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * WIDTH);
    const bar = '#'.repeat(filled) + '.'.repeat(WIDTH - filled);
    return `${label} [${bar}] ${String(Math.floor(ratio * 100)).padStart(3)}%${note ? `  ${note}` : ''}`;
  };
  return {
    update(done, note) {
      if (finished) return;
      if (tty) {
        out.write(`\r${line(done, note)}\x1b[K`);
        return;
      }
      const decile = Math.floor((Math.min(done, total) / Math.max(1, total)) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        out.write(`${line(done, note)}\n`);
      }
    },
    finish(note) {
      if (finished) return;
      finished = true;
      out.write(`${tty ? '\r' : ''}${line(total, note)}${tty ? '\x1b[K' : ''}\n`);
    },
  };
}
