// wire: what a delivery costs on the wire, on the real event mix (the demo feed's marketplace
// traffic, enriched and routed as the gateway does): JSON (Socket.IO's default parser) against
// MessagePack (notepack.io, what socket.io-msgpack-parser wraps), each bare and with
// permessage-deflate at a threshold, as ws does it: one raw deflate stream per socket, flushed per
// message, reset after each (no context takeover, what a gateway holding thousands of sockets can
// afford in memory) or not (context takeover). Bytes per delivery, the gateway's CPU per
// delivery (one encode per broadcast shared by the receivers, one deflate per receiver), and the
// client's decode time. Measured in one process, codec by codec, in the same run.
import { createDeflateRaw, createInflateRaw, constants as zlib, type DeflateRaw, type InflateRaw } from 'node:zlib';
import * as notepack from 'notepack.io';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { NAMESPACE, routeOf, type Delivery, type EventInput, type LiveEvent } from '../../protocol';
import { DemoFeed } from '../../server/demo/feed';
import { enrich } from '../../server/ingest/rules';
import type { Figure } from '../lib/results';
import { defineScenario } from '../lib/scenario';

/** The deliveries the demo feed makes, numbered per channel as the log would. */
function eventMix(count: number): Delivery[] {
  const feed = new DemoFeed(17);
  const offsets = new Map<string, number>();
  const out: Delivery[] = [];
  let now = Date.parse('2026-11-26T09:00:00Z');
  while (out.length < count) {
    now += 25;
    for (const input of feed.step(now) as EventInput[]) {
      const channel = routeOf(input);
      if (!channel) continue;
      const offset = (offsets.get(channel) ?? 0) + 1;
      offsets.set(channel, offset);
      out.push({ channel, epoch: 'e1', offset, event: enrich(input, now) as LiveEvent });
    }
  }
  return out.slice(0, count);
}

interface Codec {
  name: string;
  encode(p: Packet): string | Uint8Array;
  decode(frame: string | Uint8Array): unknown;
}

const encoder = new Encoder();
const json: Codec = {
  name: 'JSON',
  encode: (p) => encoder.encode(p)[0] as string,
  decode(frame) {
    let out: unknown;
    const d = new Decoder();
    d.on('decoded', (p: unknown) => (out = p));
    d.add(frame as string);
    return out;
  },
};
const msgpack: Codec = {
  name: 'MessagePack',
  encode: (p) => notepack.encode(p) as Uint8Array,
  decode: (frame) => notepack.decode(frame as Uint8Array) as unknown,
};

const bytesOf = (frame: string | Uint8Array) => (typeof frame === 'string' ? Buffer.from(frame) : Buffer.from(frame));

const TAIL = Buffer.from([0, 0, 0xff, 0xff]);

/** Writes `b` and flushes: the stream's output for it, as ws's permessage-deflate takes it. */
function flushed(z: DeflateRaw | InflateRaw, b: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    z.on('data', onData);
    z.once('error', reject);
    z.write(b);
    z.flush(zlib.Z_SYNC_FLUSH, () => {
      z.off('data', onData);
      z.off('error', reject);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** One socket's permessage-deflate (ws's way: async zlib, each message flushed, the tail dropped). */
function socketDeflate(takeover: boolean) {
  const d = createDeflateRaw();
  const i = createInflateRaw();
  return {
    async deflate(b: Buffer): Promise<Buffer> {
      const out = (await flushed(d, b)).subarray(0, -4);
      if (!takeover) d.reset();
      return out;
    },
    async inflate(b: Buffer): Promise<Buffer> {
      const out = await flushed(i, Buffer.concat([b, TAIL]));
      if (!takeover) i.reset();
      return out;
    },
    close() {
      d.close();
      i.close();
    },
  };
}

/** CPU (this process, zlib's threads included) in ns since `from`. */
const cpuNs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) * 1000;
};

/** Nanoseconds per item for `fn` over `items`, the best of `rounds` passes (the machine is shared). */
function nsPer<T>(items: T[], rounds: number, fn: (x: T) => unknown): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (const x of items) if (fn(x)) sink++;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / items.length);
  }
  if (sink < 0) throw new Error('unreachable');
  return best;
}

export const wire = defineScenario({
  name: 'wire',
  summary: 'bytes, gateway CPU and client decode per delivery: JSON vs MessagePack, each bare and deflated',
  help: {
    events: 'deliveries of the demo feed’s event mix',
    frame: 'deliveries per frame in the batched case (the gateway shares frames when it is busy)',
    receivers: 'receivers of each broadcast (the encode is shared by them, a deflate is per receiver)',
    threshold: 'permessage-deflate threshold in bytes: smaller messages go uncompressed',
    rounds: 'passes over the mix per measurement; the best counts',
  },
  defaults: { events: 5000, frame: 10, receivers: 100, threshold: 1024, rounds: 5 },
  smoke: { events: 300, rounds: 1 },
  budgetS: (p) => 60 + (p.events * p.rounds) / 200,
  async run(p) {
    const mix = eventMix(p.events);
    const single: Packet[] = mix.map((d) => ({ type: PacketType.EVENT, nsp: NAMESPACE, data: ['event', d] }));
    const framed: Packet[] = [];
    for (let i = 0; i < mix.length; i += p.frame)
      framed.push({ type: PacketType.EVENT, nsp: NAMESPACE, data: ['events', mix.slice(i, i + p.frame)] });
    const figures: Figure[] = [{ name: 'deliveries in the mix', value: mix.length, unit: 'count' }];
    const notes: string[] = [];

    for (const [label, packets, perPacket] of [
      ['one per frame', single, 1],
      [`${p.frame} per frame`, framed, p.frame],
    ] as const) {
      for (const codec of [json, msgpack]) {
        const frames = packets.map((x) => bytesOf(codec.encode(x)));
        const total = frames.reduce((s, f) => s + f.length, 0);
        const encodeNs = nsPer(packets, p.rounds, (x) => codec.encode(x));
        const wireFrames = frames.map((f) => (codec === json ? f.toString('utf8') : f));
        const decodeNs = nsPer(wireFrames, p.rounds, (f) => codec.decode(f));
        const deflated = async (takeover: boolean) => {
          // One receiver's stream over the whole mix, in order: bytes, and the CPU per message.
          let bytes = 0;
          let compressedCount = 0;
          let deflateNs = Infinity;
          let inflateNs = Infinity;
          for (let r = 0; r < p.rounds; r++) {
            const z = socketDeflate(takeover);
            bytes = 0;
            compressedCount = 0;
            const out: (Buffer | undefined)[] = [];
            const c0 = process.cpuUsage();
            for (const f of frames) out.push(f.length >= p.threshold ? await z.deflate(f) : undefined);
            deflateNs = Math.min(deflateNs, cpuNs(c0) / frames.length);
            const c1 = process.cpuUsage();
            for (const c of out) if (c) await z.inflate(c);
            inflateNs = Math.min(inflateNs, cpuNs(c1) / frames.length);
            z.close();
            out.forEach((c, k) => {
              bytes += c?.length ?? (frames[k] as Buffer).length;
              if (c) compressedCount++;
            });
          }
          return { bytes, deflateNs, inflateNs, share: compressedCount / frames.length };
        };
        const takeover = await deflated(true);
        const fresh = await deflated(false);
        const per = (n: number) => n / perPacket;
        const us = (ns: number) => ns / 1000;
        const name = `${label}, ${codec.name}`;
        const dz = `deflate ≥${p.threshold} B`;
        figures.push(
          { name: `${name}: bytes/delivery`, value: per(total / frames.length), unit: 'count' },
          { name: `${name} + ${dz}: bytes/delivery`, value: per(fresh.bytes / frames.length), unit: 'count' },
          {
            name: `${name} + ${dz}, context takeover: bytes/delivery`,
            value: per(takeover.bytes / frames.length),
            unit: 'count',
          },
          {
            name: `${name}: gateway CPU µs/delivery (encode shared by ${p.receivers})`,
            value: per(us(encodeNs) / p.receivers),
            unit: 'count',
          },
          {
            name: `${name} + ${dz}: gateway CPU µs/delivery`,
            value: per(us(encodeNs / p.receivers + fresh.deflateNs)),
            unit: 'count',
          },
          {
            name: `${name} + ${dz}, context takeover: gateway CPU µs/delivery`,
            value: per(us(encodeNs / p.receivers + takeover.deflateNs)),
            unit: 'count',
          },
          { name: `${name}: client decode µs/delivery`, value: per(us(decodeNs)), unit: 'count' },
          {
            name: `${name} + ${dz}: client decode µs/delivery`,
            value: per(us(decodeNs + fresh.inflateNs)),
            unit: 'count',
          },
        );
        notes.push(`${name}: ${Math.round(fresh.share * 100)}% of frames at or above the deflate threshold`);
      }
    }
    notes.push(
      'CPU is the codec’s alone: the WebSocket framing and the socket write, the same for every codec, are not in it',
      'deflate and inflate CPU is the process’s (zlib runs on libuv’s threads) over sequential messages, so it includes the per-message stream overhead ws pays too',
      'the best of the passes counts; the machine is a shared 2-core box whose other users move the absolute figures',
    );
    return { figures, notes };
  },
});
