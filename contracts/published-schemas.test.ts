import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOPICS, jsonSchemas } from './index.ts';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'contracts');

describe('docs/contracts', () => {
  it.each(TOPICS)('%s.schema.json matches the contract (regenerate: node bin/radar.js contracts --out docs/contracts)', (topic) => {
    const published: unknown = JSON.parse(readFileSync(join(DOCS, `${topic}.schema.json`), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(jsonSchemas()[topic])));
  });
});
