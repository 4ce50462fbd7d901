import { hashString, unitHash } from './prng.ts';

/**
 * Systematic sampling with unequal probabilities: for each key, the k-th draw with probability
 * p_k hits when ⌊φ + p_1 + … + p_k⌋ steps up (φ a hashed phase). Over any run of draws the
 * number of hits is within 1 of the expected sum, instead of wandering like coin flips.
 *
 * Why: alert rules compare small groups against a norm (a province with 50 parcels due, a SKU
 * with 60 orders). With independent coin flips, sampling noise alone would make some group look
 * "2× the national rate" or "3× its category" every few days, and a world without incidents
 * would still raise alerts. With this, rates per key track the model and only incidents stand out.
 *
 * State lives for one epoch of days and the generator always starts at an epoch boundary, so a
 * decision never depends on which window is being generated.
 */
export class Stratifier {
  private readonly state = new Map<string, { phase: number; sum: number }>();

  constructor(
    private readonly seedHash: number,
    private readonly epoch: number,
    private readonly salt: number,
  ) {}

  next(key: string, p: number): boolean {
    let s = this.state.get(key);
    if (!s) {
      s = { phase: unitHash(this.seedHash, this.epoch, this.salt, hashString(key)), sum: 0 };
      this.state.set(key, s);
    }
    const before = Math.floor(s.phase + s.sum);
    s.sum += p;
    return Math.floor(s.phase + s.sum) > before;
  }
}

/** Days per stratification epoch; 7-day windows straddle at most two. */
export const EPOCH_DAYS = 7;

export interface Strata {
  epoch: number;
  /** Parcel lateness per destination province. */
  late: Stratifier;
  /** Whether an order is refunded at all, per SKU. */
  refunds: Stratifier;
}

export function strataFor(seedHash: number, day: number, current: Strata | undefined): Strata {
  const epoch = Math.floor(day / EPOCH_DAYS);
  if (current?.epoch === epoch) return current;
  return { epoch, late: new Stratifier(seedHash, epoch, 0x1a7e), refunds: new Stratifier(seedHash, epoch, 0x4ef) };
}
