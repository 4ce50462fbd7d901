import { runWorld, type WorldSpec } from './world.ts';

/** Child process of bench/alert-quality.bench.ts: one world per process (chDB binds one data directory per process). */
// The parent gone (Ctrl-C, kill) means nobody reads the result: stop rather than run on for an hour.
process.once('disconnect', () => process.exit(130));

process.once('message', (spec: WorldSpec) => {
  let last = 0;
  const progress = (msg: string) => {
    const now = Date.now();
    if (now - last < 15_000) return;
    last = now;
    process.send?.({ progress: msg });
  };
  runWorld(spec, progress).then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (err: unknown) => process.send?.({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1)),
  );
});
