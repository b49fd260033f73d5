import { Migration } from '@mikro-orm/migrations';

export class Migration20261207015248 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "prescription_item" add column "repeat_of_id" uuid null;`);
    this.addSql(`alter table "prescription_item" add constraint "prescription_item_repeat_of_id_foreign" foreign key ("repeat_of_id") references "prescription_item" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "prescription_item_repeat_of_id_index" on "prescription_item" ("repeat_of_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "prescription_item" drop constraint "prescription_item_repeat_of_id_foreign";`);

    this.addSql(`drop index "prescription_item_repeat_of_id_index";`);
    this.addSql(`alter table "prescription_item" drop column "repeat_of_id";`);
  }

}
