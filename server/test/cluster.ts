// A cluster for tests: gateway processes sharing the local Redis (under a key prefix of their own)
// and PostgreSQL (in a schema of their own), both removed by dispose().
import { startGatewayProcess, type GatewayProcess, type GatewayProcessOptions } from './gatewayProcess';
import { POSTGRES_URL, dropSchema, uniqueSchema } from './databases';
import { REDIS_URL, dropPrefix, testPrefix } from './redis';

export interface TestCluster {
  nodes: GatewayProcess[];
  prefix: string;
  schema: string;
  /** Environment every node gets (shared Redis prefix, PostgreSQL schema and JWT keys). */
  env: Record<string, string>;
  addNode(extra?: Record<string, string>): Promise<GatewayProcess>;
  dispose(): Promise<void>;
}

export async function startCluster(
  size: number,
  extra: Record<string, string> = {},
  options: Pick<GatewayProcessOptions, 'nodeArgs' | 'entry'> = {},
): Promise<TestCluster> {
  const prefix = testPrefix();
  const schema = uniqueSchema('c');
  const nodes: GatewayProcess[] = [];
  const env: Record<string, string> = {
    REDIS_URL,
    LIVE_REDIS_PREFIX: prefix,
    DATABASE_URL: POSTGRES_URL,
    LIVE_DB_SCHEMA: schema,
    ...extra,
  };
  const cluster: TestCluster = {
    nodes,
    prefix,
    schema,
    env,
    async addNode(more = {}) {
      // Every node signs and verifies with the same keys: the first node's key file.
      const keys: Record<string, string> = nodes[0] ? { LIVE_JWT_KEYS_FILE: `${nodes[0].dataDir}/jwt-keys.json` } : {};
      const node = await startGatewayProcess({ ...env, ...keys, ...more }, { timeoutMs: 60_000, ...options });
      nodes.push(node);
      return node;
    },
    async dispose() {
      await Promise.all(nodes.map((n) => n.dispose()));
      await dropPrefix(prefix);
      await dropSchema(schema);
    },
  };
  // The first node creates the schema and the keys before the others start.
  await cluster.addNode();
  for (let i = 1; i < size; i++) await cluster.addNode();
  return cluster;
}
