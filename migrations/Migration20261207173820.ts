import { Migration } from '@mikro-orm/migrations';

export class Migration20261207173820 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "webhook" add column "claim_events" text[] not null default '{}';`);

    this.addSql(`alter table "webhook_delivery" add column "claim_kind" text check ("claim_kind" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED', 'PAID')) null;`);
    this.addSql(`alter table "webhook_delivery" alter column "event_kind" drop not null;`);
    this.addSql(`alter table "webhook_delivery" add constraint webhook_delivery_one_kind check((event_kind is null) <> (claim_kind is null));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook" drop column "claim_events";`);

    this.addSql(`alter table "webhook_delivery" drop constraint webhook_delivery_one_kind;`);
    this.addSql(`alter table "webhook_delivery" drop column "claim_kind";`);

    this.addSql(`alter table "webhook_delivery" alter column "event_kind" set not null;`);
  }

}
