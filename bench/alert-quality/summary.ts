import { KIND_OF_RULE } from './magnitudes.ts';
import { scoreWorld } from './match.ts';
import type { WorldResult } from './world.ts';

/** Per-rule figures over all worlds of one size, and the targets of issue #15. */

export const TARGETS = { precision: 0.95, recall: 0.95, quietFalsePerDay: 0.1 };

export interface RuleFigures {
  rule: string;
  size: string;
  planted: number;
  caught: number;
  missed: number;
  /** Missed clear incidents: world id, effect. */
  misses: string[];
  borderlinePlanted: number;
  borderlineCaught: number;
  /** Firings matching no incident and no side effect, in incident worlds. */
  falseAlerts: number;
  /** Firings of a caught incident after its first (new episodes: the alert flapped). */
  refirings: number;
  sideEffects: number;
  precision: number | null;
  recall: number | null;
  medianDelayHours: number | null;
  quietFalse: number;
  quietDays: number;
  quietFalsePerDay: number | null;
  falseSubjects: string[];
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function summarise(results: readonly WorldResult[], rules: readonly string[]): RuleFigures[] {
  const out: RuleFigures[] = [];
  const sizes = [...new Set(results.map((r) => r.spec.size))];
  for (const size of sizes) {
    const worlds = results.filter((r) => r.spec.size === size);
    const scored = worlds.map((w) => ({ w, s: scoreWorld(w.incidents, w.alerts) }));
    for (const rule of rules) {
      const f: RuleFigures = {
        rule, size, planted: 0, caught: 0, missed: 0, misses: [], borderlinePlanted: 0, borderlineCaught: 0, falseAlerts: 0, refirings: 0,
        sideEffects: 0, precision: null, recall: null, medianDelayHours: null, quietFalse: 0, quietDays: 0, quietFalsePerDay: null, falseSubjects: [],
      };
      const delays: number[] = [];
      let matchedFirings = 0;
      for (const { w, s } of scored) {
        const falses = s.falseAlerts.filter((a) => a.rule === rule);
        if (!w.spec.incidents) {
          f.quietFalse += falses.length;
          f.quietDays += (w.evaluatedMs[rule] ?? 0) / 86_400_000;
        } else f.falseAlerts += falses.length;
        f.falseSubjects.push(...falses.map((a) => `${w.spec.id}:${Object.values(a.subject).join('/')}`));
        f.sideEffects += s.sideEffects.filter((a) => a.rule === rule).length;
        for (const o of s.outcomes.filter((o) => o.incident.expectedAlert.rule === rule)) {
          if (o.caught) matchedFirings++;
          f.refirings += o.refirings;
          if (o.clear) {
            f.planted++;
            if (o.caught) {
              f.caught++;
              delays.push(o.delayMs! / 3_600_000);
            } else {
              f.missed++;
              f.misses.push(`${w.spec.id} (effect ${o.incident.effect} ${o.incident.effectUnit})`);
            }
          } else {
            f.borderlinePlanted++;
            if (o.caught) f.borderlineCaught++;
          }
        }
      }
      f.precision = matchedFirings + f.falseAlerts > 0 ? matchedFirings / (matchedFirings + f.falseAlerts) : null;
      f.recall = f.planted > 0 ? f.caught / f.planted : null;
      f.medianDelayHours = median(delays);
      f.quietFalsePerDay = f.quietDays > 0 ? f.quietFalse / f.quietDays : null;
      out.push(f);
    }
  }
  return out;
}

const fmt = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const mark = (ok: boolean | null) => (ok === null ? ' ' : ok ? ' ' : '✗');

/** A plain table; ✗ marks a figure that misses its target. */
export function table(figures: readonly RuleFigures[]): string {
  const head = ['size', 'rule', 'planted', 'caught', 'missed', 'false', 'refire', 'precision', 'recall', 'median delay h', 'borderline caught', 'quiet false/day'];
  const rows = figures.map((f) => [
    f.size, f.rule, String(f.planted), String(f.caught), String(f.missed), String(f.falseAlerts), String(f.refirings),
    `${fmt(f.precision)}${mark(f.precision === null ? null : f.precision >= TARGETS.precision)}`,
    `${fmt(f.recall)}${mark(f.recall === null ? null : f.recall >= TARGETS.recall)}`,
    fmt(f.medianDelayHours, 1),
    `${f.borderlineCaught}/${f.borderlinePlanted}`,
    `${fmt(f.quietFalsePerDay, 3)}${mark(f.quietFalsePerDay === null ? null : f.quietFalsePerDay <= TARGETS.quietFalsePerDay)} (${f.quietFalse} in ${fmt(f.quietDays, 0)} d)`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export const RULES_PLANTED = Object.keys(KIND_OF_RULE);
