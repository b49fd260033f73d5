import { Migration } from '@mikro-orm/migrations';

export class Migration20261207052424 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "admission" add column "moved_to_id" uuid null;`);
    this.addSql(`alter table "admission" add constraint "admission_moved_to_id_foreign" foreign key ("moved_to_id") references "admission" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "admission_moved_to_id_index" on "admission" ("moved_to_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "admission" drop constraint "admission_moved_to_id_foreign";`);

    this.addSql(`drop index "admission_moved_to_id_index";`);
    this.addSql(`alter table "admission" drop column "moved_to_id";`);
  }

}
