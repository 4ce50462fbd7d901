import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useRoute } from '../router/use-route.ts';
import { BOOT_NOW } from './boot-time.ts';
import { previousRange, resolveRange, roundNow, type ResolvedRange } from './time-range.ts';

/**
 * The global time range, resolved once per refresh tick: a relative preset ("last 24 h") is
 * pinned to the tick's "now" so every panel asks for the same window, and moves forward on the
 * next tick (every REFRESH_MS, or the refresh button). A fixed window never moves.
 */
export const REFRESH_MS = 30_000;

export interface RangeState {
  range: ResolvedRange;
  previous: { from: Date; to: Date };
  /** Global query keys of the URL (filters). */
  query: Record<string, string>;
  refresh(): void;
  /** Last tick, ms. */
  tick: number;
}

const RangeContext = createContext<RangeState | null>(null);

export function RangeProvider({ children }: { children: ReactNode }) {
  const { query } = useRoute();
  const [tick, setTick] = useState(BOOT_NOW);
  const refresh = useCallback(() => setTick(Date.now()), []);

  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') setTick(Date.now());
    }, REFRESH_MS);
    return () => clearInterval(id);
  }, []);

  const key = `${query.range ?? ''}|${query.from ?? ''}|${query.to ?? ''}`;
  const value = useMemo(() => {
    const range = resolveRange(query, roundNow(tick));
    return { range, previous: previousRange(range), query, refresh, tick };
    // The range depends on the time keys and the tick only; the query object is passed along.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, refresh, query]);
  return <RangeContext.Provider value={value}>{children}</RangeContext.Provider>;
}

export function useRange(): RangeState {
  const r = useContext(RangeContext);
  if (!r) throw new Error('useRange outside RangeProvider');
  return r;
}
