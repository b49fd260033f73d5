import { Migration } from '@mikro-orm/migrations';

export class Migration20261201133355 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "fhir_export" add column "elements" text[] null, add column "type_filters" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "fhir_export" drop column "elements", drop column "type_filters";`);
  }

}
