import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configMarkdown } from './config.ts';

describe('README configuration table', () => {
  it('lists every setting with its current default (regenerate: node bin/radar.js config --table)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(configMarkdown());
  });
});
