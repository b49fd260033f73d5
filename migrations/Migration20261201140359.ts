import { Migration } from '@mikro-orm/migrations';

/**
 * Patient search from a stored column. With the index on `patient_search_text(...)` (a PL/pgSQL
 * function), PostgreSQL found a common three-letter word's 2,000 candidates in the index in 1 ms,
 * then called the function for each to recheck it: 40–50 ms per statement, and the page and its
 * count are two statements. The text is now a generated column, indexed; the recheck reads it.
 */
export class Migration20261201140359 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "patient" add column "search_text" text generated always as (lower(first_name || ' ' || last_name || ' ' || coalesce(phone, ''))) stored not null;`);
    this.addSql(`drop index if exists "patient_search_trgm";`);
    this.addSql(`create index "patient_search_trgm" on "patient" using gin ("search_text" gin_trgm_ops);`);
    this.addSql(`drop function if exists patient_search_text(text, text, text);`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function patient_search_text(first_name text, last_name text, phone text) returns text
      language plpgsql immutable parallel safe cost 1000
      as $$ begin return lower(first_name || ' ' || last_name || ' ' || coalesce(phone, '')); end $$;`);
    this.addSql(`drop index if exists "patient_search_trgm";`);
    this.addSql(`alter table "patient" drop column "search_text";`);
    this.addSql(`create index "patient_search_trgm" on "patient" using gin (patient_search_text("first_name", "last_name", "phone") gin_trgm_ops);`);
  }

}
