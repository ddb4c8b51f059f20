// `npm run gateway`: reads the environment, starts the gateway, stops it cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config';
import { createGateway } from './gateway';

async function run(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.lines) process.stderr.write(`meschain-live: bad configuration: ${line}\n`);
      process.exit(2);
    }
    throw err;
  }
  const gateway = await createGateway(config);
  await gateway.start();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.logger.info({ signal }, 'stopping');
    gateway.stop().then(
      (drained) => process.exit(drained ? 0 : 1),
      (err: unknown) => {
        gateway.logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // SIGHUP re-reads LIVE_RULES (and would otherwise end the process, Node's default).
  process.on('SIGHUP', () => void gateway.reloadRules());
}

run().catch((err: unknown) => {
  process.stderr.write(`meschain-live: gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
