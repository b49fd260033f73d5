import { Migration } from '@mikro-orm/migrations';

const BASELINE = [
  'Allergy and Immunology',
  'Anesthesiology',
  'Cardiology',
  'Dermatology',
  'Emergency Medicine',
  'Endocrinology',
  'Gastroenterology',
  'General Practice',
  'General Surgery',
  'Hematology',
  'Infectious Disease',
  'Internal Medicine',
  'Nephrology',
  'Neurology',
  'Obstetrics and Gynecology',
  'Oncology',
  'Ophthalmology',
  'Orthopedics',
  'Otolaryngology',
  'Pediatrics',
  'Psychiatry',
  'Pulmonology',
  'Radiology',
  'Rheumatology',
  'Urology',
];

export class Migration20261201092400 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "specialization" ("id" uuid not null default gen_random_uuid(), "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, constraint "specialization_pkey" primary key ("id"));`);
    this.addSql(`create unique index "specialization_name_lower_unique" on "specialization" (lower("name"));`);
    // The managed list starts with common specialisations, then every value doctors already have
    // (spaces tidied; the first spelling of a name in any case wins), and doctors take its spelling.
    this.addSql(`insert into "specialization" ("name") values ${BASELINE.map((name) => `('${name}')`).join(', ')};`);
    this.addSql(`insert into "specialization" ("name")
      select distinct on (lower(tidy)) tidy from (
        select regexp_replace(trim("specialization"), '\\s+', ' ', 'g') as tidy from "doctor"
      ) existing
      where tidy <> '' and lower(tidy) not in (select lower("name") from "specialization")
      order by lower(tidy), tidy;`);
    this.addSql(`update "doctor" d set "specialization" = s."name" from "specialization" s
      where lower(regexp_replace(trim(d."specialization"), '\\s+', ' ', 'g')) = lower(s."name")
        and d."specialization" <> s."name";`);

    this.addSql(`alter table "prescription" add column "allergy_override_reason" text null, add column "overridden_conflicts" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "specialization" cascade;`);

    this.addSql(`alter table "prescription" drop column "allergy_override_reason", drop column "overridden_conflicts";`);
  }

}
