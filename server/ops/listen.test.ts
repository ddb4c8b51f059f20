// The gateway listens with the configured backlog (`listenBacklog`), so a burst of reconnects is
// queued by the kernel instead of waiting for SYN retransmits. `ss` shows a listening socket's
// backlog in its Send-Q column.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../test/gatewayProcess';

let gw: GatewayProcess | undefined;
afterAll(async () => gw?.dispose());

describe('listen backlog', () => {
  it('is the configured one', async () => {
    gw = await startGatewayProcess({ LIVE_LIMITS: 'listenBacklog=777' });
    const line = execFileSync('ss', ['-ltnH', `sport = :${gw.port}`])
      .toString()
      .trim();
    const [state, , sendQ] = line.split(/\s+/);
    expect(state).toBe('LISTEN');
    expect(Number(sendQ)).toBe(777);
  });
});
