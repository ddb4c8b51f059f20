// The machine-readable contract: the OpenAPI and AsyncAPI documents pass their own field's
// validators, describe every route the gateway really serves and every socket event of
// protocol/socket.ts, agree with what a real gateway answers, and the published files in docs/api
// are what the code makes now.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser } from '@asyncapi/parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery, SubscribeResponse } from '../../protocol';
import { orderCreated } from '../../protocol/test/fixtures';
import { loadConfig } from '../config';
import { createGateway, type Gateway } from '../gateway';
import { ROUTES } from '../http/catalogue';
import { TEST_INGEST_TOKEN } from '../test/gatewayProcess';
import { connectLive, loginAs } from '../test/live';
import { CONTRACT_DIR, contractFiles } from './files';
import { CLIENT_EVENTS, SERVER_EVENTS } from './socketEvents';

const ROOT = path.resolve(__dirname, '../..');
const API = path.join(ROOT, CONTRACT_DIR);
type Doc = Record<string, any>; // JSON documents
const read = (name: string) => JSON.parse(readFileSync(path.join(API, name), 'utf8')) as Doc;

/** Ajv with every published schema file, so `$ref: 'X.schema.json'` resolves. */
function schemaValidator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats.default(ajv);
  for (const name of readdirSync(path.join(API, 'schemas')))
    ajv.addSchema(JSON.parse(readFileSync(path.join(API, 'schemas', name), 'utf8')) as object);
  return ajv;
}

describe('published contract files', () => {
  it('docs/api holds exactly what the code makes now (run `npm run contract` after a change)', () => {
    const files = contractFiles();
    const onDisk = [
      'openapi.json',
      'asyncapi.json',
      ...readdirSync(path.join(API, 'schemas')).map((n) => `schemas/${n}`),
    ];
    expect(onDisk.sort()).toEqual(Object.keys(files).sort());
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(path.join(API, name), 'utf8'), `${CONTRACT_DIR}/${name} is stale`).toBe(text);
    }
  });

  it('every JSON Schema file compiles (draft 2020-12, strict) and the envelope schema says what the gateway accepts', () => {
    const ajv = schemaValidator();
    for (const name of readdirSync(path.join(API, 'schemas'))) expect(ajv.getSchema(name), name).toBeDefined();
    const envelope = ajv.getSchema('EventInput.schema.json') as ValidateFunction;
    const good = orderCreated();
    expect(envelope(good), JSON.stringify(envelope.errors)).toBe(true);
    expect(envelope({ ...good, surprise: 1 })).toBe(false);
    expect(envelope({ ...good, id: 'not-a-uuid' })).toBe(false);
    const batch = ajv.getSchema('IngestRequest.schema.json') as ValidateFunction;
    expect(batch({ events: [good, orderCreated()] })).toBe(true);
    expect(batch({ events: [] })).toBe(false);
  });
});

describe('OpenAPI 3.1', () => {
  it('passes the OpenAPI 3.1 schema validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(read('openapi.json'));
    expect(result).toEqual({ valid: true });
    expect(validator.version).toBe('3.1');
  });

  it('announces Retry-After on every 429 and 503', () => {
    const doc = read('openapi.json');
    let seen = 0;
    for (const ops of Object.values(doc.paths as Doc))
      for (const op of Object.values(ops as Doc))
        for (const [status, res] of Object.entries((op as Doc).responses as Doc))
          if (
            (status === '429' || status === '503') &&
            (res as Doc).content?.['application/json']?.schema?.$ref?.endsWith('ErrorBody')
          ) {
            seen++;
            expect((res as Doc).headers?.['Retry-After']).toBeDefined();
          }
    expect(seen).toBeGreaterThan(3);
  });
});

describe('AsyncAPI 3', () => {
  it('parses with the AsyncAPI parser without an error or a warning', async () => {
    const { document, diagnostics } = await new Parser().parse(read('asyncapi.json') as never);
    expect(
      diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`),
    ).toEqual([]);
    expect(document?.version()).toBe('3.1.0');
  });

  it('describes every socket event of protocol/socket.ts, both ways', () => {
    const file = path.join(ROOT, 'protocol/socket.ts');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const members = (name: string) => {
      const found = source.statements.find(
        (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
      );
      expect(found, name).toBeDefined();
      return (found as ts.InterfaceDeclaration).members
        .map((m) => (m.name as ts.Identifier | ts.StringLiteral).text)
        .sort();
    };
    expect(Object.keys(CLIENT_EVENTS).sort()).toEqual(members('ClientToServerEvents'));
    expect(Object.keys(SERVER_EVENTS).sort()).toEqual(members('ServerToClientEvents'));
    const messages = Object.values((read('asyncapi.json').components as Doc).messages as Doc).map(
      (m) => (m as Doc).name,
    );
    for (const event of [...members('ClientToServerEvents'), ...members('ServerToClientEvents'), 'connect_error'])
      expect(messages, event).toContain(event);
  });
});

describe('against a real gateway', () => {
  let gateway: Gateway;
  let url: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'meschain-contract-'));
  const ajv = schemaValidator();
  const openapi = read('openapi.json');
  const asyncapi = read('asyncapi.json');

  /** The schema the OpenAPI document gives for this answer; fails when the status is not documented. */
  function documented(method: string, route: string, status: number): ValidateFunction {
    const op = (openapi.paths as Doc)[route]?.[method.toLowerCase()] as Doc | undefined;
    expect(op, `${method} ${route} documented`).toBeDefined();
    const res = (op as Doc).responses[String(status)] as Doc | undefined;
    expect(res, `${method} ${route} → ${status} documented`).toBeDefined();
    const schema = (res as Doc).content?.['application/json']?.schema as Doc;
    return schema.$ref
      ? (ajv.getSchema(`${String(schema.$ref).split('/').at(-1)}.schema.json`) as ValidateFunction)
      : ajv.compile(schema);
  }
  async function call(method: string, route: string, init: RequestInit & { query?: string } = {}) {
    const res = await fetch(`${url}${route}${init.query ?? ''}`, { ...init, method });
    const body: unknown = res.status === 204 ? undefined : await res.json();
    if (res.status !== 204) {
      const validate = documented(method, route, res.status);
      expect(validate(body), `${method} ${route} ${res.status}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    return { status: res.status, body: body as Doc, headers: res.headers };
  }
  const post = (route: string, body: unknown, headers: Record<string, string> = {}) =>
    call('POST', route, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  beforeAll(async () => {
    // A console folder with files, so the static routes are registered too (they stay out of the API).
    const consoleDir = path.join(dir, 'console');
    mkdirSync(path.join(consoleDir, 'assets'), { recursive: true });
    writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(path.join(consoleDir, 'assets/app.js'), '');
    gateway = await createGateway(
      loadConfig({
        LIVE_PORT: '0',
        LIVE_LOG_LEVEL: 'silent',
        LIVE_DEMO: '1',
        LIVE_DATA_DIR: path.join(dir, 'data'),
        LIVE_CONSOLE_DIR: consoleDir,
        LIVE_INGEST_TOKENS: TEST_INGEST_TOKEN,
      }),
    );
    url = await gateway.start();
  });
  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every route it serves is in the catalogue, and every catalogued route is served', () => {
    expect(gateway.routes()).toEqual(Object.keys(ROUTES).sort());
  });

  it('serves the same documents as docs/api', async () => {
    expect(await (await fetch(`${url}/v1/openapi.json`)).json()).toEqual(openapi);
    expect(await (await fetch(`${url}/v1/asyncapi.json`)).json()).toEqual(asyncapi);
  });

  it('answers HTTP as documented', async () => {
    await call('GET', '/healthz');
    await call('GET', '/readyz');
    await call('GET', '/v1/info');
    const login = await post('/v1/auth/login', { username: 'satis', password: 'demo' });
    expect(login.status).toBe(200);
    expect((await post('/v1/auth/login', { username: 'satis', password: 'nope' })).status).toBe(401);
    const refreshed = await post('/v1/auth/refresh', { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const auth = { authorization: `Bearer ${refreshed.body.accessToken}` };
    expect((await call('GET', '/v1/snapshot', { query: '?channels=orders,dashboard', headers: auth })).status).toBe(
      200,
    );
    expect((await call('GET', '/v1/snapshot', { query: '?channels=system', headers: auth })).status).toBe(403);
    expect((await call('GET', '/v1/snapshot', { query: '?channels=orders' })).status).toBe(401);
    const service = { authorization: `Bearer ${TEST_INGEST_TOKEN}` };
    expect((await post('/v1/events', { events: [orderCreated(), orderCreated()] }, service)).status).toBe(202);
    expect((await post('/v1/events', { events: [] }, service)).status).toBe(400);
    expect((await post('/v1/events', orderCreated())).status).toBe(401);
    expect((await post('/v1/auth/logout', { refreshToken: refreshed.body.refreshToken })).status).toBe(204);
  });

  it('answers the socket as documented', async () => {
    const payloadOf = (key: string): ValidateFunction => {
      const schema = (asyncapi.components as Doc).messages[key].payload as Doc;
      if (schema.$ref) return ajv.getSchema(`${String(schema.$ref).split('/').at(-1)}.schema.json`) as ValidateFunction;
      const draft7 = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(draft7);
      const { $schema: _s, ...rest } = schema;
      return draft7.compile(rest);
    };
    const check = (key: string, value: unknown) => {
      const validate = payloadOf(key);
      expect(validate(value), `${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const client = await connectLive(url, { token: (await loginAs(url, 'yonetici')).accessToken });
    try {
      const request = { channels: [{ channel: 'orders' }, { channel: 'system' }] };
      check('subscribe', request);
      const ack = (await client.subscribe(request)) as SubscribeResponse;
      check('subscribeAck', ack);
      const e = orderCreated();
      await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_INGEST_TOKEN}` },
        body: JSON.stringify(e),
      });
      const delivery: Delivery = await client.waitForEvent(e.id);
      check('event', delivery);
      check('livePingAck', await client.socket.timeout(10_000).emitWithAck('live:ping', { t: 1 }));
      check(
        'actionAck',
        await client.socket
          .timeout(10_000)
          .emitWithAck('action', { key: 'contract-1', type: 'ALERT_ACK', alertKey: 'NOPE:x' }),
      );
      check('unsubscribeAck', await client.socket.timeout(10_000).emitWithAck('unsubscribe', { channels: ['system'] }));
      check('subscribeAck', await client.socket.timeout(10_000).emitWithAck('subscribe', { channels: 'nope' }));
    } finally {
      client.close();
    }
    const refused = await connectLive(url, { token: 'forged' }).catch((err: Error & { data?: unknown }) => err.data);
    check('connectError', refused);
  });
});
