import Type from 'typebox';

/** The JSON shape of a RateVerdict (stats/verdict.ts) in API answers, for route schemas. */
const Num = (description: string) => Type.Number({ description });
const NumOrNull = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const RateVerdictSchema = Type.Object(
  {
    level: Type.Enum(['high', 'normal', 'too_few'], { description: 'high: n ≥ min_n, rate > threshold_ratio × baseline and p_value < alpha; too_few: n < min_n or no baseline' }),
    rate: Num('k ÷ n'),
    baseline: NumOrNull('Reference rate (the rest: of the country, of the category …); null when there is nothing else'),
    ratio: NumOrNull('rate ÷ baseline; null when not finite'),
    n: Type.Integer({ description: 'Trials (shipments due, orders)' }),
    k: Type.Integer({ description: 'Successes (late, returned)' }),
    p_value: Num('One-sided exact binomial P(X ≥ k | n, null_rate)'),
    ci_low: Num('Wilson 95 % interval of the rate, low end'),
    ci_high: Num('Wilson 95 % interval of the rate, high end'),
    min_n: Type.Integer(),
    alpha: Type.Number(),
    threshold_ratio: Type.Number(),
    null_rate: Num('min(1, threshold_ratio × baseline)'),
    missed: Type.Array(Type.Enum(['no_baseline', 'below_min_n', 'not_above_ratio', 'not_significant']), { description: 'Conditions that kept the row from high' }),
  },
  { description: 'The alert rule\'s test applied to this row (stats/verdict.ts)' },
);
