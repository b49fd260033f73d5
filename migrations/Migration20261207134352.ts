import { Migration } from '@mikro-orm/migrations';

export class Migration20261207134352 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "api_client" add column "insurer" text null;`);

    this.addSql(`alter table "payment" add column "recorded_by_client_id" uuid null;`);
    this.addSql(`alter table "payment" alter column "recorded_by_id" drop not null;`);
    this.addSql(`alter table "payment" add constraint "payment_recorded_by_client_id_foreign" foreign key ("recorded_by_client_id") references "api_client" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "payment" add constraint payment_one_recorder check((recorded_by_id is null) <> (recorded_by_client_id is null));`);

    this.addSql(`alter table "claim_change" add column "changed_by_client_id" uuid null;`);
    this.addSql(`alter table "claim_change" alter column "changed_by_id" drop not null;`);
    this.addSql(`alter table "claim_change" add constraint "claim_change_changed_by_client_id_foreign" foreign key ("changed_by_client_id") references "api_client" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "claim_change" add constraint claim_change_one_author check((changed_by_id is null) <> (changed_by_client_id is null));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "claim_change" drop constraint "claim_change_changed_by_client_id_foreign";`);

    this.addSql(`alter table "payment" drop constraint "payment_recorded_by_client_id_foreign";`);

    this.addSql(`alter table "api_client" drop column "insurer";`);

    this.addSql(`alter table "claim_change" drop constraint claim_change_one_author;`);
    this.addSql(`alter table "claim_change" drop column "changed_by_client_id";`);

    this.addSql(`alter table "claim_change" alter column "changed_by_id" set not null;`);

    this.addSql(`alter table "payment" drop constraint payment_one_recorder;`);
    this.addSql(`alter table "payment" drop column "recorded_by_client_id";`);

    this.addSql(`alter table "payment" alter column "recorded_by_id" set not null;`);
  }

}
