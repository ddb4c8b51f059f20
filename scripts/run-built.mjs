// `npm run gateway|users|keys`: runs the built JavaScript of out/server/ in this very process (no
// wrapper child, so signals reach the gateway), or says to build first.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const name = process.argv[2] ?? 'main';
const file = path.join(root, 'out/server', `${name}.js`);
if (!existsSync(file)) {
  console.error(`meschain-live: out/server/${name}.js is missing: run \`npm run build\` first`);
  process.exit(1);
}
// The tools read their own arguments from argv[2] on.
process.argv.splice(2, 1);
process.setSourceMapsEnabled(true);
await import(pathToFileURL(file).href);
