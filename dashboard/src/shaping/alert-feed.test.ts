import { describe, expect, it } from 'vitest';
import type { AlertEventJson, AlertJson } from '../api/live-types.ts';
import { applyEvent, countByState, initialFeed, matchesFilters, mergeList } from './alert-feed.ts';

const evidence = { summary: 's', window: { from: '', to: '' }, numbers: {}, action: 'a', drilldown: { dashboard: '/#/alerts' } };
const alert = (fp: string, state: string, at: string): AlertJson => ({
  fingerprint: fp,
  rule: 'r',
  title: fp,
  severity: 'warning',
  state,
  episode: 'e',
  subject: {},
  labels: { category: '美妆' },
  audiences: ['ops'],
  pending_count: 1,
  started_at: at,
  fired_at: at,
  resolved_at: null,
  resolved_by: null,
  acknowledged_by: null,
  acknowledged_at: null,
  ack_comment: null,
  last_evaluated_at: at,
  last_notified_at: null,
  notify_count: 0,
  silenced_by: [],
  evidence,
});
const event = (fp: string, transition: string, to: string, at: string, id = `${fp}-${transition}`): AlertEventJson => ({
  event_id: id,
  fingerprint: fp,
  episode: 'e',
  rule: 'r',
  title: fp,
  severity: 'warning',
  transition,
  from: 'firing',
  to,
  at,
  subject: {},
  labels: { category: '美妆' },
  audiences: ['ops'],
  evidence,
  actor: 'ops-1',
  silenced_by: [],
});

describe('live alert feed', () => {
  it('starts from the list, newest first', () => {
    const feed = initialFeed([alert('a', 'firing', '2026-11-22T01:00:00Z'), alert('b', 'pending', '2026-11-22T02:00:00Z')]);
    expect(feed.map((f) => f.fingerprint)).toEqual(['b', 'a']);
  });

  it('adds a new alert from the stream at the top, marked live', () => {
    const feed = applyEvent(initialFeed([alert('a', 'firing', '2026-11-22T01:00:00Z')]), event('n', 'firing', 'firing', '2026-11-22T03:00:00Z'));
    expect(feed[0]).toMatchObject({ fingerprint: 'n', state: 'firing', live: true });
    expect(feed).toHaveLength(2);
  });

  it('moves an existing alert to its new state (acknowledged) and records who', () => {
    const feed = applyEvent(initialFeed([alert('a', 'firing', '2026-11-22T01:00:00Z')]), event('a', 'acknowledged', 'acknowledged', '2026-11-22T01:05:00Z'));
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ state: 'acknowledged', actor: 'ops-1' });
  });

  it('ignores a replayed event and a transition older than the row', () => {
    const once = applyEvent([], event('a', 'firing', 'firing', '2026-11-22T01:00:00Z'));
    expect(applyEvent(once, event('a', 'firing', 'firing', '2026-11-22T01:00:00Z'))).toBe(once);
    const acked = applyEvent(once, event('a', 'acknowledged', 'acknowledged', '2026-11-22T01:05:00Z'));
    expect(applyEvent(acked, event('a', 'pending', 'pending', '2026-11-22T00:59:00Z', 'old'))).toBe(acked);
  });

  it('keeps the state on a repeat notification', () => {
    const acked = applyEvent([], event('a', 'acknowledged', 'acknowledged', '2026-11-22T01:05:00Z'));
    expect(applyEvent(acked, event('a', 'repeat', 'firing', '2026-11-22T01:10:00Z'))[0]!.state).toBe('acknowledged');
  });

  it('keeps a newer live transition when the list reloads with older data', () => {
    const live = applyEvent(initialFeed([alert('a', 'firing', '2026-11-22T01:00:00Z')]), event('a', 'acknowledged', 'acknowledged', '2026-11-22T01:05:00Z'));
    expect(mergeList(live, [alert('a', 'firing', '2026-11-22T01:00:00Z')])[0]!.state).toBe('acknowledged');
    const later = { ...alert('a', 'resolved', '2026-11-22T01:00:00Z'), resolved_at: '2026-11-22T02:00:00Z' };
    expect(mergeList(live, [later])[0]!.state).toBe('resolved');
  });

  it('counts by state and filters by labels', () => {
    const feed = initialFeed([alert('a', 'firing', '2026-11-22T01:00:00Z'), alert('b', 'firing', '2026-11-22T02:00:00Z')]);
    expect(countByState(feed)).toEqual({ firing: 2 });
    expect(matchesFilters(feed[0]!, { category: '美妆' })).toBe(true);
    expect(matchesFilters(feed[0]!, { category: '服饰' })).toBe(false);
    expect(matchesFilters(feed[0]!, { shop_id: 'S1' })).toBe(true);
  });
});
