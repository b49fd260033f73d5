import { Migration } from '@mikro-orm/migrations';

export class Migration20261201104434 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "fhir_export" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "requester_kind" text not null, "requester_id" uuid not null, "session_id" uuid null, "scopes" text[] not null, "level" text not null, "types" text[] not null, "since" timestamptz null, "request_url" text not null, "transaction_time" timestamptz not null, "status" text check ("status" in ('ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED')) not null, "patients_done" int not null default 0, "output" jsonb not null, "error" text null, "completed_at" timestamptz null, "expires_at" timestamptz not null, constraint "fhir_export_pkey" primary key ("id"));`);
    this.addSql(`create index "fhir_export_requester_id_created_at_index" on "fhir_export" ("requester_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "fhir_export" cascade;`);
  }

}
