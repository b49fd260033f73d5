import { Migration } from '@mikro-orm/migrations';

/**
 * Patient search through its trigram index. The planner judged `lower(first || ' ' || last || ' '
 * || phone)` cheap, so for a short common word it computed it for every patient (a sequential
 * scan, twice: the page and the count) instead of using the index. The same text now comes from
 * a function declared expensive (not inlined: PL/pgSQL), which the index is built on.
 */
export class Migration20261201110500 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function patient_search_text(first_name text, last_name text, phone text) returns text
      language plpgsql immutable parallel safe cost 1000
      as $$ begin return lower(first_name || ' ' || last_name || ' ' || coalesce(phone, '')); end $$;`);
    this.addSql(`drop index if exists "patient_search_trgm";`);
    this.addSql(`create index "patient_search_trgm" on "patient" using gin (patient_search_text("first_name", "last_name", "phone") gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "patient_search_trgm";`);
    this.addSql(`create index "patient_search_trgm" on "patient" using gin ((lower("first_name" || ' ' || "last_name" || ' ' || coalesce("phone", ''))) gin_trgm_ops);`);
    this.addSql(`drop function if exists patient_search_text(text, text, text);`);
  }

}
