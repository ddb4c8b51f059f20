// PostgreSQL trouble through a fault proxy: connections reset in the middle of ingest, a server that
// stops answering. The gateway stays up, refuses with 503 `unavailable` (never 500) while the database
// is away, says so on /readyz within a second, and takes events again by itself when it returns;
// every event a producer had accepted (202) is in SQL and in the log once, and a console saw each once.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orderCreated } from '../../protocol/test/fixtures';
import { POSTGRES_URL, dropSchema, uniqueSchema } from '../test/databases';
import { startFaultProxy, type FaultProxy } from '../test/faultProxy';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';
import { loginAs, waitFor } from '../test/live';
import { acceptanceFaults, emptyRecord, produce } from '../test/producer';
import { startWitness, type Witness } from '../test/witness';
import { readiness } from '../test/readiness';

const STRESS = Boolean(process.env.LIVE_STRESS);
const RESETS = STRESS ? 20 : 3;
const EVENTS = STRESS ? 600 : 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const schema = uniqueSchema('pgf');
let proxy: FaultProxy;
let gw: GatewayProcess;
let witness: Witness;

beforeAll(async () => {
  proxy = await startFaultProxy({ port: Number(new URL(POSTGRES_URL).port || 5432) });
  gw = await startGatewayProcess({
    DATABASE_URL: proxy.url(POSTGRES_URL),
    LIVE_DB_SCHEMA: schema,
    LIVE_LIMITS: 'dependencyTimeoutMs=1000',
  });
  witness = await startWitness(gw.url, ['orders']);
});

// A failed test must not leave the next one behind a paused proxy.
afterEach(() => proxy?.heal());

afterAll(async () => {
  witness?.close();
  await gw?.dispose();
  await proxy?.close();
  await dropSchema(schema);
});

async function ordersInSql(ids: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const res = await client.query(`SELECT count(*)::int AS n FROM ${schema}.orders WHERE last_event_id = ANY($1)`, [
      ids,
    ]);
    return (res.rows[0] as { n: number }).n;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL faults', () => {
  it('connections reset during ingest: the process lives, nothing accepted is lost or counted twice', async () => {
    const events = Array.from({ length: EVENTS }, () => orderCreated());
    const record = emptyRecord();
    const producing = produce(events, { url: gw.url, concurrency: 4 }, record);
    let cut = 0;
    for (let i = 0; i < RESETS; i++) {
      await waitFor(() => record.accepted.length > ((i + 1) * EVENTS) / (RESETS + 2), 'ingest progress', 60_000);
      cut += proxy.reset();
      await sleep(20);
    }
    await producing;

    console.info(
      `postgres reset: ${RESETS} resets cut ${cut} connections; answers ${JSON.stringify(record.statuses)}; slowest ${Math.round(record.slowestMs)} ms`,
    );
    expect(cut).toBeGreaterThan(0);
    expect(gw.pid(), gw.output()).toBeDefined();
    expect(record.statuses['500'] ?? 0).toBe(0);
    expect(record.missingRetryAfter).toBe(0);
    expect(acceptanceFaults(events, record)).toEqual({ twice: [], lost: [] });
    expect(await ordersInSql(events.map((e) => e.id))).toBe(EVENTS);
    // One offset per event: a retry after a refusal whose append had entered the log (the SQL commit
    // failed) is answered with the first placement, marked duplicate.
    const placements = new Map(record.accepted.map((a) => [a.id, a.offset]));
    expect(new Set(placements.values()).size).toBe(EVENTS);
    await waitFor(() => witness.offsets('orders').length >= EVENTS, 'the console to see every order');
    expect(witness.faults('orders')).toEqual({ twice: [], holes: [] });
  }, 180_000);

  it('a database that stops answering: 503 at once with Retry-After, /readyz names it within 1 s, back by itself', async () => {
    proxy.pause();
    const first = orderCreated();
    const started = performance.now();
    const refused = await produce([first], { url: gw.url, giveUpMs: 1 }); // one attempt
    const firstMs = performance.now() - started;
    expect(refused.statuses['503']).toBe(1);
    expect(firstMs).toBeLessThan(10_000);
    const openStarted = performance.now();
    // The circuit is open: refusals come at once and name the cause.
    const res = await fetch(`${gw.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-ingest-token-0123456789abcdef' },
      body: JSON.stringify(orderCreated()),
    });
    const openMs = performance.now() - openStarted;
    expect(res.status).toBe(503);
    expect(openMs).toBeLessThan(1000);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } });
    const login = await fetch(`${gw.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'depo', password: 'demo' }),
    });
    expect(login.status).toBe(503);
    const ready = await readiness(gw.url);
    console.info(
      `postgres paused: first refusal ${Math.round(firstMs)} ms, next ${Math.round(openMs)} ms, /readyz ${Math.round(ready.ms)} ms`,
    );
    expect(ready.ms).toBeLessThan(1000);
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ database: false });

    // Producers keep retrying through the outage; they all get in once it ends.
    const events = [first, ...Array.from({ length: 10 }, () => orderCreated())];
    const producing = produce(events, { url: gw.url, concurrency: 2 });
    await sleep(1500);
    proxy.heal();
    const record = await producing;
    await waitFor(async () => (await readiness(gw.url)).status === 200, 'readiness back', 30_000);
    expect(await loginAs(gw.url, 'depo')).toHaveProperty('accessToken');
    expect(acceptanceFaults(events, record)).toEqual({ twice: [], lost: [] });
    expect(record.statuses['500'] ?? 0).toBe(0);
    expect(await ordersInSql(events.map((e) => e.id))).toBe(events.length);
    expect(gw.pid()).toBeDefined();
  }, 180_000);
});
