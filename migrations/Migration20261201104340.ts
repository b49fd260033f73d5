import { Migration } from '@mikro-orm/migrations';

export class Migration20261201104340 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "attachment" add column "message_thread_id" uuid null, add column "message_id" uuid null;`);
    this.addSql(`alter table "attachment" add constraint "attachment_message_thread_id_foreign" foreign key ("message_thread_id") references "message_thread" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "attachment" add constraint "attachment_message_id_foreign" foreign key ("message_id") references "message" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "attachment_message_thread_id_created_at_index" on "attachment" ("message_thread_id", "created_at");`);
    this.addSql(`create index "attachment_message_id_created_at_index" on "attachment" ("message_id", "created_at");`);
    this.addSql(`alter table "attachment" add constraint attachment_one_owner_check check(num_nonnulls(medical_record_id, message_thread_id) = 1 and (message_id is null or message_thread_id is not null));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "attachment" drop constraint "attachment_message_thread_id_foreign";`);
    this.addSql(`alter table "attachment" drop constraint "attachment_message_id_foreign";`);

    this.addSql(`drop index "attachment_message_thread_id_created_at_index";`);
    this.addSql(`drop index "attachment_message_id_created_at_index";`);
    this.addSql(`alter table "attachment" drop constraint attachment_one_owner_check;`);
    this.addSql(`alter table "attachment" drop column "message_thread_id", drop column "message_id";`);
  }

}
