// Run a suite against both gateway modes: embedded (memory logs and limits, SQLite) and clustered
// (Redis and PostgreSQL, under a prefix and schema of the test's own).
import { startCluster } from './cluster';
import { startGatewayProcess, type GatewayProcess } from './gatewayProcess';

export const MODES = ['embedded', 'clustered'] as const;
export type Mode = (typeof MODES)[number];

export async function startInMode(mode: Mode, env: Record<string, string> = {}): Promise<GatewayProcess> {
  if (mode === 'embedded') return startGatewayProcess(env);
  const cluster = await startCluster(1, env);
  const node = cluster.nodes[0] as GatewayProcess;
  return Object.assign(Object.create(node) as GatewayProcess, { dispose: () => cluster.dispose() });
}
