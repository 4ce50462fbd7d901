/**
 * stderr is shared by log lines and, while a backfill or an import runs on a terminal, one
 * progress bar. A line written straight to stderr would land in the middle of the bar's line and
 * the bar would redraw over it; so while a bar is drawn, log lines go to the bar's owner, which
 * prints them above the bar (cli-progress's MultiBar.log) and redraws the bar below.
 */
type LineSink = (text: string) => void;

let aboveBar: LineSink | undefined;

/** Writes log text to stderr, above the progress bar when one is drawn. */
export function writeStderr(text: string): void {
  if (aboveBar) aboveBar(text);
  else process.stderr.write(text);
}

/** While a bar is drawn, `sink` receives every log line; the returned function gives stderr back. */
export function holdStderr(sink: LineSink): () => void {
  aboveBar = sink;
  return () => {
    if (aboveBar === sink) aboveBar = undefined;
  };
}
