/**
 * `radar ingest` for tests that must kill the consumer: the very command, run as its own
 * process (chDB binds one data directory per process, so each child owns RADAR_DATA_DIR).
 * Arguments after the script are passed to the command.
 */
import { Command } from 'commander';
import { registerIngest } from '../../cli/commands/ingest.ts';

const program = new Command('radar').exitOverride();
registerIngest(program);
await program.parseAsync(['node', 'radar', 'ingest', ...process.argv.slice(2)]);
