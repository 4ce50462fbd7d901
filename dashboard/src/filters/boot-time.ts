/**
 * When the app started: the first "now" of the global time range, shared by the range context
 * and the start-up prefetch so both ask for exactly the same window.
 */
export const BOOT_NOW = Date.now();
