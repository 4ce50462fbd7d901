import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { TOPICS, jsonSchemas } from '../../contracts/index.ts';

export function registerContracts(program: Command): void {
  program
    .command('contracts')
    .description('print the event contracts as JSON Schema, or write one file per topic with --out')
    .option('--out <dir>', 'write <dir>/<topic>.schema.json for every topic')
    .action((opts: { out?: string }) => {
      const schemas = jsonSchemas();
      if (!opts.out) {
        process.stdout.write(`${JSON.stringify(schemas, null, 2)}\n`);
        return;
      }
      mkdirSync(opts.out, { recursive: true });
      for (const topic of TOPICS) {
        writeFileSync(join(opts.out, `${topic}.schema.json`), `${JSON.stringify(schemas[topic], null, 2)}\n`);
      }
      process.stdout.write(`wrote ${TOPICS.length} schemas to ${opts.out}\n`);
    });
}
