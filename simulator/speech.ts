import type { SPEAKERS } from '../contracts/transcripts.ts';
import {
  ANSWER_LINES, ASSISTANT_LINES, CAUTIONARY_LINES, CHAT_LINES, CLOSINGS, FEATURE_LINES, GREETINGS, HOWTO_LINES,
  POLICY_LINES, PRICE_LINES, RISKY_CLAIMS, SKU_INTROS, STOCK_LINES,
} from './host-phrases.ts';
import { Rng, hashInts } from './prng.ts';
import { segmentAt, sessionKey, type Segment, type Session } from './schedule.ts';
import { SECOND } from './time.ts';
import { COMMENTS, FABRIC_PRESSURE, IDLE_MIX, TOPIC_MIX, USAGE_QUESTIONS } from './viewer-phrases.ts';
import type { World } from './world.ts';

/**
 * The transcript of one live session: ASR segments of the host and the assistant every ~11 s,
 * and viewer comments as a Poisson stream (in proportion to the room's viewers: ~2–3 a minute in
 * a 400-viewer room, hundreds in a star's), each tagged
 * with the SKU on screen. Incidents rewrite some host lines or add a flood of comments.
 */

export type Speaker = (typeof SPEAKERS)[number];

export interface Utterance {
  offsetMs: number;
  speaker: Speaker;
  text: string;
  skuId: string | undefined;
  /** Unique within the session; becomes part of the event id. */
  idPart: string;
}

export interface TranscriptMods {
  /** Replace host lines with risky claims, repeatedly and in one dense 10-minute stretch (8 and 10 unless given). */
  riskyWording?: boolean | { burst?: number; spread?: number };
  /** Add `count` fabric questions in [fromOffset, toOffset); `perComment` set: that many per ordinary comment there. */
  questionFlood?: { fromOffset: number; toOffset: number; count: number; perComment?: number };
}

/** Comments a minute per concurrent viewer: ~2.3 a minute in a 400-viewer room, ~290 with 50,000. */
const COMMENTS_PER_VIEWER_MINUTE = 2.3 / 400;

export function commentsPerMinute(session: Pick<Session, 'host' | 'audience'>): number {
  return COMMENTS_PER_VIEWER_MINUTE * session.host.viewers * (session.audience ?? 1);
}
const GREET = { morning: '早上好', afternoon: '下午好', evening: '晚上好' } as const;

function fill(template: string, slots: Record<string, string>): string {
  return template.includes('{') ? template.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? '') : template;
}

export function sessionTranscript(world: World, session: Session, mods: TranscriptMods | undefined): Utterance[] {
  const out = [...hostSpeech(world, session), ...viewerComments(world, session)];
  if (mods?.riskyWording) injectRiskyClaims(world, session, out, mods.riskyWording === true ? {} : mods.riskyWording);
  if (mods?.questionFlood) out.push(...fabricFlood(world, session, mods.questionFlood, out));
  return out;
}

function hostSpeech(world: World, session: Session): Utterance[] {
  const rng = new Rng(hashInts(world.seedHash, 0x7a, ...sessionKey(session)));
  const greet = GREET[session.host.slot];
  const slotsBySegment = new Map<Segment, Record<string, string>>();
  let link = 0;
  for (const segment of session.segments) {
    const sku = segment.sku;
    if (!sku) {
      slotsBySegment.set(segment, { greet });
      continue;
    }
    link++;
    const price = sku.priceCents / 100;
    slotsBySegment.set(segment, {
      greet,
      name: sku.name,
      n: String(link),
      price: String(price),
      orig: String(Math.round(price * rng.between(1.4, 2.0))),
      stock: String(rng.pick([50, 100, 200, 300, 500])),
    });
  }
  const out: Utterance[] = [];
  let offset = rng.between(2, 6) * SECOND;
  for (let i = 0; offset < session.durationMs; i++) {
    const segment = segmentAt(session, offset);
    const sku = segment.sku;
    const slots = slotsBySegment.get(segment) ?? { greet };
    let speaker: Speaker = 'host';
    let template: string;
    if (!sku) {
      template = rng.pick(offset > session.durationMs / 2 ? CLOSINGS : GREETINGS);
    } else if (rng.chance(0.15)) {
      speaker = 'assistant';
      template = rng.pick(ASSISTANT_LINES);
    } else if (rng.chance(0.0012)) {
      template = rng.pick(CAUTIONARY_LINES);
    } else {
      const progress = (offset - segment.startOffset) / (segment.endOffset - segment.startOffset);
      const u = rng.next();
      if (progress < 0.1) template = rng.pick(SKU_INTROS);
      else if (progress > 0.85 && u < 0.4) template = rng.pick(STOCK_LINES);
      else if (u < 0.36) template = rng.pick(FEATURE_LINES[sku.category]);
      else if (u < 0.5) template = rng.pick(PRICE_LINES);
      else if (u < 0.6) template = rng.pick(POLICY_LINES[sku.policy]);
      else if (u < 0.67) template = rng.pick(HOWTO_LINES);
      else if (u < 0.8) template = rng.pick(ANSWER_LINES[sku.category]);
      else if (u < 0.88) template = rng.pick(STOCK_LINES);
      else template = rng.pick(CHAT_LINES);
    }
    out.push({ offsetMs: Math.floor(offset), speaker, text: fill(template, slots), skuId: sku?.id, idPart: String(i) });
    offset += rng.between(6, 16) * SECOND;
  }
  return out;
}

function viewerComments(world: World, session: Session): Utterance[] {
  const rng = new Rng(hashInts(world.seedHash, 0xc0, ...sessionKey(session)));
  const meanGap = 60 * SECOND / commentsPerMinute(session);
  const out: Utterance[] = [];
  let offset = rng.exponential(meanGap);
  for (let i = 0; offset < session.durationMs; i++) {
    const sku = segmentAt(session, offset).sku;
    const topic = rng.weighted(sku ? TOPIC_MIX[sku.category] : IDLE_MIX);
    const text = topic === '使用' ? rng.pick(USAGE_QUESTIONS[sku?.category ?? '服饰']) : rng.pick(COMMENTS[topic]);
    out.push({ offsetMs: Math.floor(offset), speaker: 'viewer', text, skuId: sku?.id, idPart: `c${i}` });
    offset += rng.exponential(meanGap);
  }
  return out;
}

/** ~18 claims: eight within one ten-minute stretch (trips the per-10-minute threshold), the rest spread out. */
function injectRiskyClaims(world: World, session: Session, utterances: Utterance[], counts: { burst?: number; spread?: number }): void {
  const burst = counts.burst ?? 8;
  const spread = counts.spread ?? 10;
  const rng = new Rng(hashInts(world.seedHash, 0x415c, ...sessionKey(session)));
  const hostLines = utterances.filter((u) => u.speaker === 'host' && u.skuId !== undefined);
  if (hostLines.length < 40) return;
  const chosen = new Set<Utterance>();
  const burstStart = Math.floor(hostLines.length * 0.3);
  for (let k = 0; k < burst; k++) chosen.add(hostLines[Math.min(hostLines.length - 1, burstStart + k * 5)] as Utterance);
  const stride = Math.floor(hostLines.length / 10);
  for (let k = 0; k < spread; k++) chosen.add(hostLines[Math.min(hostLines.length - 1, k * stride + rng.int(0, stride - 1))] as Utterance);
  let k = rng.int(0, RISKY_CLAIMS.length - 1);
  for (const line of [...chosen].sort((a, b) => a.offsetMs - b.offsetMs)) {
    line.text = RISKY_CLAIMS[k++ % RISKY_CLAIMS.length] as string;
    line.idPart = `${line.idPart}x`;
  }
}

/** The session's own viewer comments in the flood's window (the room's chatter it must stand out from). */
function ordinaryComments(utterances: readonly Utterance[], flood: NonNullable<TranscriptMods['questionFlood']>): number {
  return utterances.filter((u) => u.speaker === 'viewer' && u.offsetMs >= flood.fromOffset && u.offsetMs < flood.toOffset).length;
}

/**
 * The flood: `perComment` questions per ordinary comment of the room in the flood's span when
 * given (the bench's magnitudes); else at least `count`, and at least twice the room's own comment
 * rate — a flood is relative to the room (50 questions are a flood in a 400-viewer room, noise in a
 * 50,000-viewer one).
 */
function fabricFlood(world: World, session: Session, flood: NonNullable<TranscriptMods['questionFlood']>, utterances: readonly Utterance[]): Utterance[] {
  const rng = new Rng(hashInts(world.seedHash, 0xf10d, ...sessionKey(session)));
  const out: Utterance[] = [];
  const roomScaled = Math.round((2 * commentsPerMinute(session) * (flood.toOffset - flood.fromOffset)) / 60_000);
  const count = flood.perComment === undefined ? Math.max(flood.count, roomScaled) : Math.max(1, Math.round(flood.perComment * ordinaryComments(utterances, flood)));
  for (let k = 0; k < count; k++) {
    const offset = Math.floor(rng.between(flood.fromOffset, flood.toOffset));
    out.push({ offsetMs: offset, speaker: 'viewer', text: rng.pick(FABRIC_PRESSURE), skuId: segmentAt(session, offset).sku?.id, idPart: `f${k}` });
  }
  return out;
}
