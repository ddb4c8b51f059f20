// `npm run keys -- rotate [--overlap-seconds 1200]`: add a new JWT signing key. Older keys stay
// valid for the overlap (longer than an access token lives), then are refused. Running gateways
// pick the new set up within a minute.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rotateKeyFile } from '../auth/jwtKeys';
import { ACCESS_TTL_SEC } from '../auth/tokens';
import { loadConfig } from '../config';

const { positionals, values } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: { 'overlap-seconds': { type: 'string' } },
});
const overlap = Number(values['overlap-seconds'] ?? ACCESS_TTL_SEC * 2);
if (positionals[0] !== 'rotate' || !Number.isInteger(overlap) || overlap < ACCESS_TTL_SEC) {
  process.stderr.write(`usage: npm run keys -- rotate [--overlap-seconds N] (N ≥ ${ACCESS_TTL_SEC})\n`);
  process.exit(1);
}
const config = loadConfig(process.env);
const file = config.jwtKeysFile ?? path.join(config.dataDir, 'jwt-keys.json');
const kid = await rotateKeyFile(file, overlap);
process.stdout.write(`New signing key ${kid} in ${file}; older keys valid for ${overlap} s more\n`);
