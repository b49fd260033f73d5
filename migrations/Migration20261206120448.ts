import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120448 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "lab_order" add column "reviewed_at" timestamptz null, add column "reviewed_by_id" uuid null;`);
    this.addSql(`alter table "lab_order" add constraint "lab_order_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "app_user" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "lab_order_reviewed_by_id_index" on "lab_order" ("reviewed_by_id");`);
    this.addSql(`create index "lab_order_to_review" on "lab_order" ("doctor_id", "resulted_at") where "status" = 'RESULTED' and "reviewed_at" is null;`);
    // Results from before review was tracked, older than two weeks, are not put to the doctors as new:
    // marked reviewed now, with no reviewer recorded. Recent ones wait for their doctor's review.
    this.addSql(`update "lab_order" set "reviewed_at" = now() where "status" = 'RESULTED' and "resulted_at" < now() - interval '14 days';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "lab_order" drop constraint "lab_order_reviewed_by_id_foreign";`);

    this.addSql(`drop index "lab_order_reviewed_by_id_index";`);
    this.addSql(`drop index "lab_order_to_review";`);
    this.addSql(`alter table "lab_order" drop column "reviewed_at", drop column "reviewed_by_id";`);
  }

}
