import { Migration } from '@mikro-orm/migrations';

export class Migration20261201115311 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "webhook" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "url" text not null, "events" text[] not null, "api_client_id" uuid null, "created_by" uuid null, "sealed_secret" text not null, "failing_since" timestamptz null, "disabled_at" timestamptz null, constraint "webhook_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_api_client_id_index" on "webhook" ("api_client_id");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "webhook_id" uuid not null, "event_id" uuid not null, "event_kind" text check ("event_kind" in ('BOOKED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'RESCHEDULED')) not null, "attempt" int not null, "succeeded" boolean not null, "status_code" smallint null, "duration_ms" int not null, "error_class" text null, "attempted_at" timestamptz not null, "next_attempt_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_webhook_id_attempted_at_index" on "webhook_delivery" ("webhook_id", "attempted_at");`);

    this.addSql(`alter table "webhook" add constraint "webhook_api_client_id_foreign" foreign key ("api_client_id") references "api_client" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_webhook_id_foreign" foreign key ("webhook_id") references "webhook" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER', 'WEBHOOK_DISABLED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_webhook_id_foreign";`);

    this.addSql(`drop table if exists "webhook" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('APPOINTMENT_BOOKED', 'APPOINTMENT_CONFIRMED', 'APPOINTMENT_CANCELLED', 'APPOINTMENT_RESCHEDULED', 'APPOINTMENT_REMINDER'));`);
  }

}
