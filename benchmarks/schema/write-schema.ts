/**
 * Writes results.schema.json from RESULTS_SCHEMA, itself generated from the valibot declaration
 * in results-schema.ts: `npx tsx benchmarks/schema/write-schema.ts`. The tests check that the
 * checked-in file equals what this would write.
 */
import { writeFileSync } from 'node:fs';
import { RESULTS_SCHEMA } from './results-schema.js';

export const RESULTS_SCHEMA_FILE = new URL('./results.schema.json', import.meta.url);

writeFileSync(RESULTS_SCHEMA_FILE, `${JSON.stringify(RESULTS_SCHEMA, null, 2)}\n`);
