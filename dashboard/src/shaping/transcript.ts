/** Spans of each term's occurrences in a text (for marking promised terms in a transcript line). */
export function termSpans(text: string, terms: string[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const term of terms) {
    if (!term) continue;
    let at = text.indexOf(term);
    while (at !== -1) {
      spans.push({ start: at, end: at + term.length });
      at = text.indexOf(term, at + term.length);
    }
  }
  return spans;
}
