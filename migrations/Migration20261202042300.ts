import { Migration } from '@mikro-orm/migrations';

export class Migration20261202042300 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "audit_event_group_reads_actor_at" on "audit_event" ("actor_id", "at") where "patient_id" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "audit_event_group_reads_actor_at";`);
  }

}
