import type { Command } from 'commander';
import { ENV, loadConfig, type Config } from '../../config/config.ts';

/** The configuration table: every setting, its variable, default and meaning (README embeds it). */
export function configMarkdown(): string {
  const rows = (Object.keys(ENV) as (keyof Config)[]).map((key) => {
    const spec = ENV[key];
    const def = spec.default === undefined ? '(unset)' : spec.default === '' ? '(empty)' : `\`${spec.default}\``;
    return `| \`${spec.env}\` | ${def} | ${spec.doc.replace(/\|/g, '\\|')} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration (validated), or the table of every setting with --table')
    .option('--table', 'print the Markdown table of settings, defaults and meanings')
    .action((opts: { table?: boolean }) => {
      if (opts.table) {
        process.stdout.write(`${configMarkdown()}\n`);
        return;
      }
      const config = loadConfig();
      const shown = { ...config, clickhousePassword: config.clickhousePassword ? '[set]' : '' };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    });
}
