import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { checkText, createDetector, loadLexicon, LexiconError } from '../../wording/index.ts';

export function registerWording(program: Command): void {
  const wording = program.command('wording').description('risky host wording (广告法 极限词, 医疗功效, 保证承诺, 导流)');
  wording
    .command('check')
    .description('read lines on stdin, print one JSON line {text, hits} per input line')
    .option('--lexicon <file>', 'an extra lexicon file extending the default (or WORDING_LEXICON)')
    .option('--policy <refund_policy>', 'refund policy of the SKU being talked about (judges 七天无理由 claims)')
    .action(async (opts: { lexicon?: string; policy?: string }) => {
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
      const context = opts.policy ? { refundPolicy: opts.policy } : undefined;
      const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of lines) {
        process.stdout.write(`${JSON.stringify(checkText(detector, line, context))}\n`);
      }
    });
}
