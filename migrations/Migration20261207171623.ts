import { Migration } from '@mikro-orm/migrations';

export class Migration20261207171623 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "claim_change" add column "xid" xid8 not null default pg_current_xact_id();`);
    this.addSql(`create index "claim_change_feed" on "claim_change" ("xid", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "claim_change_feed";`);
    this.addSql(`alter table "claim_change" drop column "xid";`);
  }

}
