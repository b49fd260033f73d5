import { Migration } from '@mikro-orm/migrations';

export class Migration20261202012744 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "transaction_outbox" ("id" bigserial primary key, "kind" text not null, "body" jsonb not null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "transaction_outbox" cascade;`);
  }

}
