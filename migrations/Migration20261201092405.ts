import { Migration } from '@mikro-orm/migrations';

export class Migration20261201092405 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_client" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "scopes" text[] not null, "secret_hash" text not null, "previous_secret_hash" text null, "previous_secret_expires_at" timestamptz null, "secret_issued_at" timestamptz not null default now(), "revoked_at" timestamptz null, "created_by" uuid null, constraint "api_client_pkey" primary key ("id"));`);

    this.addSql(`create table "idempotency_key" ("caller" text not null, "key" text not null, "request_hash" text not null, "created_at" timestamptz not null default now(), "status" int null, "response" jsonb null, "completed_at" timestamptz null, constraint "idempotency_key_pkey" primary key ("caller", "key"));`);
    this.addSql(`create index "idempotency_key_created_at_index" on "idempotency_key" ("created_at");`);

    this.addSql(`create table "rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "rate_limit_pkey" primary key ("key"));`);

    this.addSql(`create table "consent" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "purpose" text check ("purpose" in ('DATA_SHARING', 'TREATMENT', 'RESEARCH')) not null, "api_client_id" uuid null, "granted_at" timestamptz not null default now(), "revoked_at" timestamptz null, constraint "consent_pkey" primary key ("id"));`);
    this.addSql(`create index "consent_patient_id_index" on "consent" ("patient_id");`);
    this.addSql(`create index "consent_client_active" on "consent" ("api_client_id", "revoked_at");`);
    this.addSql(`create unique index "consent_one_active" on "consent" ("patient_id", "purpose", "api_client_id") nulls not distinct where "revoked_at" is null;`);

    this.addSql(`alter table "consent" add constraint "consent_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "consent" add constraint "consent_api_client_id_foreign" foreign key ("api_client_id") references "api_client" ("id") on update cascade on delete restrict;`);

    this.addSql(`alter table "audit_event" drop constraint if exists "audit_event_actor_role_check";`);
    // Added by hand: the partitioned audit_event was created while the old table still held the
    // name, so PostgreSQL named its role check "..._check1"; it must go too, or PARTNER is refused.
    this.addSql(`alter table "audit_event" drop constraint if exists "audit_event_actor_role_check1";`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_role_check" check("actor_role" in ('PATIENT', 'DOCTOR', 'ADMIN', 'PARTNER'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "consent" drop constraint "consent_api_client_id_foreign";`);

    this.addSql(`drop table if exists "api_client" cascade;`);

    this.addSql(`drop table if exists "idempotency_key" cascade;`);

    this.addSql(`drop table if exists "rate_limit" cascade;`);

    this.addSql(`drop table if exists "consent" cascade;`);

    this.addSql(`alter table "audit_event" drop constraint if exists "audit_event_actor_role_check";`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_actor_role_check" check("actor_role" in ('PATIENT', 'DOCTOR', 'ADMIN'));`);
  }

}
