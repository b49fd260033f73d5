import { Migration } from '@mikro-orm/migrations';

/**
 * The partial `(actor_id, at) where patient_id is null` index served only the repeat check of the
 * reads' insert, which looked for reads another API process had logged; the insert is now a plain
 * one (audit-trail.ts `insertReads`), so every audited read maintains one index fewer. The
 * `(actor_id, at)` index still serves "what did this person do".
 */
export class Migration20261204103000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "audit_event_group_reads_actor_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "audit_event_group_reads_actor_at" on "audit_event" ("actor_id", "at") where "patient_id" is null;`);
  }

}
