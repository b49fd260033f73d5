import { Migration } from '@mikro-orm/migrations';

export class Migration20261201090945 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "attachment" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "patient_id" uuid not null, "medical_record_id" uuid null, "uploaded_by_id" uuid not null, "file_name" text not null, "content_type" text not null, "size_bytes" int not null, "sha256" text not null default '', "status" text check ("status" in ('PENDING', 'READY', 'REJECTED')) not null default 'PENDING', "rejection_reason" text null, "uploaded_at" timestamptz not null default now(), "upload_expires_at" timestamptz not null, "upload_started_at" timestamptz null, "storage_key" text not null, constraint "attachment_pkey" primary key ("id"));`);
    this.addSql(`create index "attachment_patient_id_index" on "attachment" ("patient_id");`);
    this.addSql(`create index "attachment_uploaded_by_id_index" on "attachment" ("uploaded_by_id");`);
    this.addSql(`create index "attachment_medical_record_id_created_at_index" on "attachment" ("medical_record_id", "created_at");`);

    this.addSql(`alter table "attachment" add constraint "attachment_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "attachment" add constraint "attachment_medical_record_id_foreign" foreign key ("medical_record_id") references "medical_record" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "attachment" add constraint "attachment_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "attachment" cascade;`);
  }

}
