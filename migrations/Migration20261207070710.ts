import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070710 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "email_verification" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "email" text not null, "previous_email" text null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "suppressed" boolean not null default false, constraint "email_verification_pkey" primary key ("id"));`);
    this.addSql(`alter table "email_verification" add constraint "email_verification_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "email_verification_expires_at_index" on "email_verification" ("expires_at");`);
    this.addSql(`create index "email_verification_user_id_created_at_index" on "email_verification" ("user_id", "created_at");`);

    this.addSql(`alter table "email_verification" add constraint "email_verification_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "app_user" add column "email_verified_at" timestamptz null;`);
    // Accounts from before confirmation existed have been receiving e-mail at their address: confirmed.
    this.addSql(`update "app_user" set "email_verified_at" = "created_at";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "email_verification" cascade;`);

    this.addSql(`alter table "app_user" drop column "email_verified_at";`);
  }

}
