import { Migration } from '@mikro-orm/migrations';

export class Migration20261207140844 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "phone_confirmation" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "phone" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "attempts" smallint not null default 0, constraint "phone_confirmation_pkey" primary key ("id"));`);
    this.addSql(`create index "phone_confirmation_expires_at_index" on "phone_confirmation" ("expires_at");`);
    this.addSql(`create index "phone_confirmation_patient_id_created_at_index" on "phone_confirmation" ("patient_id", "created_at");`);

    this.addSql(`alter table "phone_confirmation" add constraint "phone_confirmation_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "patient" add column "phone_confirmed_number" text null, add column "sms_reminders_wanted" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "phone_confirmation" cascade;`);

    this.addSql(`alter table "patient" drop column "phone_confirmed_number", drop column "sms_reminders_wanted";`);
  }

}
