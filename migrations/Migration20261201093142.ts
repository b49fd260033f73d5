import { Migration } from '@mikro-orm/migrations';

export class Migration20261201093142 extends Migration {

  override async up(): Promise<void> {
    // Gender becomes a FHIR AdministrativeGender code: the dashboards' former labels map onto
    // the codes (any case); any other label someone typed is "other".
    this.addSql(`update "patient" set gender = case
      when lower(btrim(gender)) in ('male', 'm') then 'male'
      when lower(btrim(gender)) in ('female', 'f') then 'female'
      when lower(btrim(gender)) in ('unknown', 'prefer not to say') then 'unknown'
      when btrim(gender) = '' then null
      else 'other' end
      where gender is not null;`);
    this.addSql(`alter table "patient" add constraint "patient_gender_check" check("gender" in ('male', 'female', 'other', 'unknown'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "patient" drop constraint if exists "patient_gender_check";`);

    this.addSql(`alter table "patient" alter column "gender" type text using ("gender"::text);`);
  }

}
