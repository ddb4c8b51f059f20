// Test helpers for the `/live` namespace: a connected socket.io client that records deliveries,
// and polling with a generous deadline (never a fixed sleep).
import { io, type Socket } from 'socket.io-client';
import type { Delivery, ErrorAck, SubscribeRequest, SubscribeResponse } from '../../protocol';

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface LiveClient {
  socket: Socket;
  /** Every `event` delivery (and each item of `events` batches), in arrival order. */
  deliveries: Delivery[];
  subscribe(req: SubscribeRequest | unknown): Promise<SubscribeResponse | ErrorAck>;
  /** Waits until a delivery of the event with this id arrived, and returns it. */
  waitForEvent(id: string, timeoutMs?: number): Promise<Delivery>;
  close(): void;
}

export interface LoginResult {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; name: string; role: string };
}

/** Signs in through the HTTP API (demo users: depo, satis, yonetici; password demo). */
export async function loginAs(url: string, username = 'yonetici', password = 'demo'): Promise<LoginResult> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginResult;
}

/**
 * Connects to `${url}/live` over websocket only; resolves once connected. Without `auth` it signs
 * in as the demo admin (who may read every channel).
 */
export async function connectLive(url: string, auth?: Record<string, unknown>): Promise<LiveClient> {
  auth ??= { token: (await loginAs(url)).accessToken };
  const socket = io(`${url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  const deliveries: Delivery[] = [];
  socket.on('event', (d: Delivery) => deliveries.push(d));
  socket.on('events', (ds: Delivery[]) => deliveries.push(...ds));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket did not connect to ${url}/live`)), 15_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return {
    socket,
    deliveries,
    subscribe: (req) => socket.timeout(15_000).emitWithAck('subscribe', req) as Promise<SubscribeResponse | ErrorAck>,
    waitForEvent: (id, timeoutMs) =>
      waitFor(
        () => deliveries.find((d) => d.event.id === id),
        () => `delivery of ${id} (got ${deliveries.length} others)`,
        timeoutMs,
      ),
    close: () => {
      socket.disconnect();
    },
  };
}
