// The published contract: docs/api/openapi.json, docs/api/asyncapi.json and one JSON Schema file
// per named schema (the event envelope, each payload, deliveries, answers) plus the LIVE_RULES
// file's, in docs/api/schemas/. `npm run contract` writes them; a test fails when they are stale.
import { z } from 'zod';
import pkg from '../../package.json' with { type: 'json' };
import { RulesFile } from '../ingest/rulesFile';
import { asyncApiDocument } from './asyncapi';
import { namedJsonSchemas } from './components';
import { openApiDocument } from './openapi';

export const CONTRACT_DIR = 'docs/api';
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** File paths (relative to docs/api) and their contents. */
export function contractFiles(version = pkg.version): Record<string, string> {
  const file = (name: string) => `${name}.schema.json`;
  const files: Record<string, string> = {
    'openapi.json': json(openApiDocument(version)),
    'asyncapi.json': json(asyncApiDocument(version)),
  };
  const schemas = namedJsonSchemas({ target: 'draft-2020-12', uri: file });
  for (const [name, schema] of Object.entries(schemas)) {
    files[`schemas/${file(name)}`] = json({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: file(name),
      ...schema,
    });
  }
  const { $schema: _s, ...rules } = z.toJSONSchema(RulesFile, { target: 'draft-2020-12', io: 'input' });
  files['schemas/LiveRules.schema.json'] = json({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'LiveRules.schema.json',
    title: 'LIVE_RULES: alert thresholds of the gateway',
    ...rules,
  });
  return files;
}
