import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config/settings.js';
import { buildAppSchema, printAppSchema } from './schema.js';

const SCHEMA_FILE = join(REPO_ROOT, 'schema', 'schema.graphql');

const printed = printAppSchema(await buildAppSchema());
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== printed) {
    console.error('schema/schema.graphql is stale: run `npm run schema` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('schema/schema.graphql is up to date.');
  }
} else {
  writeFileSync(SCHEMA_FILE, printed);
  console.log('Wrote schema/schema.graphql.');
}
