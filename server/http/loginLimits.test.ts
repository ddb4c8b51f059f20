// Sign-in throttling is charged before the password is checked: parallel guesses, many addresses
// against one username and many usernames from one address are all held to their limits, against a
// real gateway process (the addresses come through a trusted proxy's X-Forwarded-For).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../test/gatewayProcess';
import { MODES, startInMode } from '../test/modes';

describe.each(MODES)('%s gateway', (mode) => {
  let gw: GatewayProcess;

  beforeAll(async () => {
    gw = await startInMode(mode, {
      LIVE_TRUST_PROXY: '127.0.0.1',
      LIVE_LIMITS: 'loginFailures=5,loginFailuresPerUser=8,loginFailuresPerAddress=12',
    });
  }, 120_000);
  afterAll(async () => gw?.dispose());

  const login = async (from: string, username: string, password: string) =>
    (
      await fetch(`${gw.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ username, password }),
      })
    ).status;

  it('60 parallel guesses: at most the limit is evaluated, and the right password among them is refused', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) => login('10.0.0.1', 'yonetici', i === 45 ? 'demo' : `guess-${i}`)),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // The right password at position 45 came after the limit was spent.
    expect(statuses[45]).toBe(429);
  });

  it('one username from many addresses is limited across them', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push(await login(`10.0.1.${i}`, 'satis', `guess-${i}`));
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual(Array(4).fill(429));
    expect(await login('10.0.1.99', 'satis', 'demo')).toBe(429);
  });

  it('one address trying many usernames is limited across them; other addresses are not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push(await login('10.0.2.1', `nobody-${i}`, 'guess'));
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(statuses.slice(12)).toEqual(Array(18).fill(429));
    expect(await login('10.0.2.1', 'depo', 'demo')).toBe(429);
    expect(await login('10.0.2.2', 'depo', 'demo')).toBe(200);
  });

  it('successful sign-ins give their points back', async () => {
    for (let i = 0; i < 20; i++) expect(await login('10.0.3.1', 'depo', 'demo')).toBe(200);
  });
});
