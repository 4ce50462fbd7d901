import { createDetector, loadLexicon } from './index.ts';
import { loadRows, score } from './testdata/score.ts';
const lex = loadLexicon(); const d = createDetector(lex);
const r = score(d, lex, [...loadRows('labelled.zh-CN.jsonl'), ...loadRows('generated.zh-CN.jsonl')]);
console.log(r.errors.join('\n'));
