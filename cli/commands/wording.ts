import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { checkText, createDetector, loadLexicon, LexiconError } from '../../wording/index.ts';

export function registerWording(program: Command): void {
  const wording = program.command('wording').description('risky host wording (广告法 极限词, 医疗功效, 保证承诺, 导流)');
  wording
    .command('check')
    .description('read lines on stdin, print one JSON line {text, hits[, suppressed]} per input line; every hit names its category, rule, law article / platform rule, matched span and normalised form')
    .option('--lexicon <file>', 'an extra lexicon file extending the default (or WORDING_LEXICON)')
    .option('--policy <refund_policy>', 'refund policy of the SKU being talked about (judges 七天无理由 claims)')
    .option('--sku-category <category>', 'category of the SKU being talked about (美妆, 食品, 保健食品, 生鲜, 家居…)')
    .option('--explain', 'also list every candidate that was not reported and why (allow-listed word, warning, lawful for this SKU…)')
    .action(async (opts: { lexicon?: string; policy?: string; skuCategory?: string; explain?: boolean }) => {
      const extraPath = opts.lexicon ?? process.env.WORDING_LEXICON;
      let detector;
      try {
        detector = createDetector(loadLexicon(extraPath ? { extraPath } : {}));
      } catch (err) {
        if (err instanceof LexiconError) {
          process.stderr.write(`radar wording check: ${err.message}\n`);
          process.exit(2);
        }
        throw err;
      }
      const context = { ...(opts.policy ? { refundPolicy: opts.policy } : {}), ...(opts.skuCategory ? { skuCategory: opts.skuCategory } : {}) };
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        process.stdout.write(`${JSON.stringify(checkText(detector, line, context, { explain: opts.explain === true }))}\n`);
      }
    });
}
