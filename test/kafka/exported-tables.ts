import { CONTRACTS, TOPICS } from '../../contracts/index.ts';

/** Tables a consumer process writes, copied out of its data directory by export-runner.ts. */
export const EXPORTED_TABLES = [...TOPICS.map((t) => CONTRACTS[t].table), 'dead_letters'];
