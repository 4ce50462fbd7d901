/**
 * Copies the event and dead-letter tables of a stopped consumer's data directory into Native
 * files: `node --import tsx export-runner.ts <dataDir> <database> <outDir>`. Runs as its own
 * process because chDB binds one data directory per process; the test loads the files into
 * its own warehouse (importTables) and judges the union of several consumers there.
 */
import { join } from 'node:path';
import { openWarehouse } from '../../warehouse/client.ts';
import { EXPORTED_TABLES } from './exported-tables.ts';

const [dataDir, database, outDir] = process.argv.slice(2);
if (dataDir && database && outDir) {
  const warehouse = await openWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '', clickhouseDatabase: database });
  try {
    for (const table of EXPORTED_TABLES) {
      // The engine writes the file itself, so raw bytes (dead letters) never pass through JS strings.
      const file = join(outDir, `${table}.native`).replace(/'/g, "\\'");
      await warehouse.client.command({ query: `SELECT * FROM ${table} INTO OUTFILE '${file}' TRUNCATE FORMAT Native` });
    }
  } finally {
    await warehouse.close();
  }
}
