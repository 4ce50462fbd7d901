/**
 * Public surface of the wording library: risky host wording detection and viewer comment
 * topics. Pure functions and objects; the only I/O is reading the lexicon files.
 */
export { createDetector, type Detector, type DetectContext, type Explanation, type MatchVia, type SuppressedHit, type SuppressReason, type WordingHit } from './detector.ts';
export { checkText, checkLines, type CheckOptions, type WordingCheckResult } from './check-lines.ts';
export {
  loadLexicon,
  loadLexiconFile,
  mergeLexicons,
  parseLexicon,
  DEFAULT_LEXICON_PATH,
  CATEGORIES,
  SEVERITIES,
  LexiconError,
  type Category,
  type Severity,
  type Lexicon,
  type LexiconTerm,
  type NegationFrame,
  type LexiconSource,
  type ProximityRule,
} from './lexicon.ts';
export { normalize, canonical, toOriginalRange, type NormalizedText } from './normalize.ts';
export {
  createTopicClassifier,
  loadTopicLexicon,
  parseTopicLexicon,
  DEFAULT_TOPIC_IDS,
  DEFAULT_TOPIC_LEXICON_PATH,
  type TopicClassifier,
  type TopicDefinition,
  type TopicLexicon,
} from './viewer-topics.ts';
export {
  createQuestionSpikeDetector,
  spikeOptionsFromParams,
  thresholdCount,
  DEFAULT_SPIKE_OPTIONS,
  type PriorSource,
  type SessionContext,
  type QuestionSpike,
  type QuestionSpikeDetector,
  type SpikeOptions,
} from './question-spike.ts';
