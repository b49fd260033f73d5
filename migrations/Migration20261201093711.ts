import { Migration } from '@mikro-orm/migrations';

export class Migration20261201093711 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "recovery_code" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "code_hash" text not null, "used_at" timestamptz null, constraint "recovery_code_pkey" primary key ("id"));`);
    this.addSql(`create index "recovery_code_user_id_index" on "recovery_code" ("user_id");`);
    this.addSql(`alter table "recovery_code" add constraint "recovery_code_code_hash_unique" unique ("code_hash");`);

    this.addSql(`create table "password_reset" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "suppressed" boolean not null default false, constraint "password_reset_pkey" primary key ("id"));`);
    this.addSql(`alter table "password_reset" add constraint "password_reset_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "password_reset_user_id_created_at_index" on "password_reset" ("user_id", "created_at");`);

    this.addSql(`create table "mfa_challenge" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "mfa_challenge_pkey" primary key ("id"));`);
    this.addSql(`create index "mfa_challenge_user_id_index" on "mfa_challenge" ("user_id");`);
    this.addSql(`alter table "mfa_challenge" add constraint "mfa_challenge_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "message_thread" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "doctor_id" uuid not null, "subject" text not null, "last_message_at" timestamptz not null, constraint "message_thread_pkey" primary key ("id"));`);
    this.addSql(`create index "message_thread_doctor_id_last_message_at_index" on "message_thread" ("doctor_id", "last_message_at");`);
    this.addSql(`create index "message_thread_patient_id_last_message_at_index" on "message_thread" ("patient_id", "last_message_at");`);

    this.addSql(`create table "message" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "thread_id" uuid not null, "sender_id" uuid not null, "body" text not null, "sent_at" timestamptz not null, "read_at" timestamptz null, constraint "message_pkey" primary key ("id"));`);
    this.addSql(`create index "message_sender_id_index" on "message" ("sender_id");`);
    this.addSql(`create index "message_thread_id_sent_at_index" on "message" ("thread_id", "sent_at");`);

    this.addSql(`alter table "recovery_code" add constraint "recovery_code_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "password_reset" add constraint "password_reset_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "mfa_challenge" add constraint "mfa_challenge_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "message_thread" add constraint "message_thread_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "message_thread" add constraint "message_thread_doctor_id_foreign" foreign key ("doctor_id") references "doctor" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "message" add constraint "message_thread_id_foreign" foreign key ("thread_id") references "message_thread" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "message" add constraint "message_sender_id_foreign" foreign key ("sender_id") references "app_user" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "app_user" add column "totp_secret" text null, add column "totp_pending_secret" text null, add column "totp_enabled_at" timestamptz null, add column "totp_last_step" int null;`);

    this.addSql(`alter table "refresh_token" add column "user_agent" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "message" drop constraint "message_thread_id_foreign";`);

    this.addSql(`drop table if exists "recovery_code" cascade;`);

    this.addSql(`drop table if exists "password_reset" cascade;`);

    this.addSql(`drop table if exists "mfa_challenge" cascade;`);

    this.addSql(`drop table if exists "message_thread" cascade;`);

    this.addSql(`drop table if exists "message" cascade;`);

    this.addSql(`alter table "app_user" drop column "totp_secret", drop column "totp_pending_secret", drop column "totp_enabled_at", drop column "totp_last_step";`);

    this.addSql(`alter table "refresh_token" drop column "user_agent";`);
  }

}
