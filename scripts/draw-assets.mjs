// Draws the desktop app's tray icons, badge overlays and notification sounds, and writes them under
// build/. Run `node scripts/draw-assets.mjs` after changing a drawing; the output is committed.
// Our own tiny PNG (scripts/png.mjs) and WAV encoders keep this free of image and audio dependencies.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng } from './png.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** A canvas with anti-aliased discs and a pixel font, enough for our icons. */
function canvas(size) {
  const px = Buffer.alloc(size * size * 4);
  const blend = (x, y, [r, g, b], a) => {
    if (x < 0 || y < 0 || x >= size || y >= size || a <= 0) return;
    const i = (y * size + x) * 4;
    const da = px[i + 3] / 255;
    const oa = a + da * (1 - a);
    for (const [k, c] of [r, g, b].entries()) px[i + k] = Math.round((c * a + px[i + k] * da * (1 - a)) / (oa || 1));
    px[i + 3] = Math.round(oa * 255);
  };
  return {
    px,
    disc(cx, cy, radius, color, alpha = 1) {
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          // 4×4 supersampling for smooth edges.
          let cover = 0;
          for (let sy = 0; sy < 4; sy++)
            for (let sx = 0; sx < 4; sx++) {
              const dx = x + (sx + 0.5) / 4 - cx;
              const dy = y + (sy + 0.5) / 4 - cy;
              if (dx * dx + dy * dy <= radius * radius) cover++;
            }
          blend(x, y, color, (cover / 16) * alpha);
        }
    },
    ring(cx, cy, outer, inner, color) {
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          let cover = 0;
          for (let sy = 0; sy < 4; sy++)
            for (let sx = 0; sx < 4; sx++) {
              const dx = x + (sx + 0.5) / 4 - cx;
              const dy = y + (sy + 0.5) / 4 - cy;
              const d = dx * dx + dy * dy;
              if (d <= outer * outer && d >= inner * inner) cover++;
            }
          blend(x, y, color, cover / 16);
        }
    },
    text(str, cx, cy, scale, color) {
      const w = str.length * 4 * scale - scale;
      let x0 = Math.round(cx - w / 2);
      const y0 = Math.round(cy - (5 * scale) / 2);
      for (const ch of str) {
        const glyph = FONT[ch];
        for (let gy = 0; gy < 5; gy++)
          for (let gx = 0; gx < 3; gx++)
            if (glyph[gy][gx] === '#')
              for (let sy = 0; sy < scale; sy++)
                for (let sx = 0; sx < scale; sx++) blend(x0 + gx * scale + sx, y0 + gy * scale + sy, color, 1);
        x0 += 4 * scale;
      }
    },
  };
}

const FONT = {
  0: ['###', '#.#', '#.#', '#.#', '###'],
  1: ['.#.', '##.', '.#.', '.#.', '###'],
  2: ['###', '..#', '###', '#..', '###'],
  3: ['###', '..#', '###', '..#', '###'],
  4: ['#.#', '#.#', '###', '..#', '..#'],
  5: ['###', '#..', '###', '..#', '###'],
  6: ['###', '#..', '###', '#.#', '###'],
  7: ['###', '..#', '..#', '..#', '..#'],
  8: ['###', '#.#', '###', '#.#', '###'],
  9: ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};

const BRAND = [31, 111, 209];
const STATE_COLORS = { connected: [30, 160, 80], reconnecting: [230, 150, 20], offline: [150, 150, 150] };
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];
const RED = [210, 40, 40];

/** The tray icon: the brand mark (a ring around a dot) with a state dot at the lower right. */
function trayIcon(size, state, template) {
  const c = canvas(size);
  const s = size / 16;
  const mark = template ? BLACK : BRAND;
  c.ring(7 * s, 7 * s, 6.2 * s, 4.4 * s, mark);
  c.disc(7 * s, 7 * s, 2.2 * s, mark);
  const dot = template ? BLACK : STATE_COLORS[state];
  if (template) {
    if (state !== 'connected') c.ring(12.5 * s, 12.5 * s, 3.2 * s, state === 'offline' ? 0 : 1.6 * s, dot);
  } else {
    c.disc(12.5 * s, 12.5 * s, 3.4 * s, WHITE);
    c.disc(12.5 * s, 12.5 * s, 2.6 * s, dot);
  }
  return encodePng(size, size, c.px);
}

/** The Windows taskbar overlay: a red disc with the unread count (1–9, then 9+). */
function badge(size, label) {
  const c = canvas(size);
  c.disc(size / 2, size / 2, size / 2 - 0.5, RED);
  const scale = Math.max(1, Math.floor(size / (label.length > 1 ? 10 : 7)));
  c.text(label, size / 2, size / 2, scale, WHITE);
  return encodePng(size, size, c.px);
}

/** The application icon (installers, window, dock). */
function appIcon(size) {
  const c = canvas(size);
  const s = size / 16;
  c.disc(8 * s, 8 * s, 7.6 * s, BRAND);
  c.ring(8 * s, 8 * s, 5.6 * s, 4 * s, WHITE);
  c.disc(8 * s, 8 * s, 2 * s, WHITE);
  return encodePng(size, size, c.px);
}

// ---- WAV ----

/** 16-bit mono PCM at 22.05 kHz from a list of [frequency Hz, duration s] notes (0 Hz: rest). */
export function encodeWav(notes, gain = 0.5) {
  const rate = 22_050;
  const samples = [];
  for (const [freq, dur] of notes) {
    const n = Math.round(rate * dur);
    for (let i = 0; i < n; i++) {
      // A short fade in and out on every note: no clicks.
      const env = Math.min(1, i / (rate * 0.01), (n - i) / (rate * 0.02));
      samples.push(freq === 0 ? 0 : Math.sin((2 * Math.PI * freq * i) / rate) * env * gain);
    }
  }
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => data.writeInt16LE(Math.round(v * 32767), i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

export const SOUNDS = {
  // Urgent and unmistakable: a falling two-tone, three times.
  critical: [
    [988, 0.16],
    [740, 0.16],
    [0, 0.06],
    [988, 0.16],
    [740, 0.16],
    [0, 0.06],
    [988, 0.16],
    [740, 0.22],
  ],
  // Attention: two rising beeps.
  high: [
    [660, 0.12],
    [0, 0.05],
    [880, 0.18],
  ],
  // A soft single chime.
  normal: [[587, 0.22]],
};

function write(rel, buf) {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, buf);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Tray sizes: Windows 16/32, macOS 16/32 template (@2x), Linux 22/24/32/48.
  for (const state of ['connected', 'reconnecting', 'offline']) {
    for (const size of [16, 22, 24, 32, 48]) write(`build/tray/${state}-${size}.png`, trayIcon(size, state, false));
    write(`build/tray/${state}Template.png`, trayIcon(16, state, true));
    write(`build/tray/${state}Template@2x.png`, trayIcon(32, state, true));
  }
  for (const n of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9+']) write(`build/tray/badge-${n}.png`, badge(16, n));
  for (const size of [16, 32, 64, 128, 256, 512, 1024]) write(`build/icons/${size}x${size}.png`, appIcon(size));
  write('build/icon.png', appIcon(1024));
  for (const [name, notes] of Object.entries(SOUNDS))
    write(`build/sounds/${name}.wav`, encodeWav(notes, name === 'normal' ? 0.35 : 0.5));
  console.log('assets written under build/');
}
