// `npm run contract`: writes the published contract (docs/api/) from the zod schemas and the route
// and socket catalogues. Run it after changing a schema, a route or a socket event, and commit.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT_DIR, contractFiles } from '../server/contract/files';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, CONTRACT_DIR);
const files = contractFiles();
mkdirSync(path.join(dir, 'schemas'), { recursive: true });
// Schemas that no longer exist go away with their files.
for (const name of readdirSync(path.join(dir, 'schemas')))
  if (!(`schemas/${name}` in files)) rmSync(path.join(dir, 'schemas', name));
for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
console.log(`contract: ${Object.keys(files).length} files in ${CONTRACT_DIR}/`);
