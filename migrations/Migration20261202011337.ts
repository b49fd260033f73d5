import { Migration } from '@mikro-orm/migrations';

export class Migration20261202011337 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_event" add column "entity_ids" uuid[] null, add column "patient_ids" uuid[] null;`);
    this.addSql(`create index "audit_event_patient_ids_gin" on "audit_event" using gin ("patient_ids");`);
    this.addSql(`create index "audit_event_entity_ids_gin" on "audit_event" using gin ("entity_ids");`);
    this.addSql(`create index "audit_event_entity_id_index" on "audit_event" ("entity_id");`);

    // Added by hand: every audit event one row per entity — a group read (one row for a request's
    // reads of many entities of one type) expanded into one per entity, with an id derived from
    // the stored row's and the entity's place in it. The API's listings read it (audit-log.ts); the
    // stored_* columns are the stored row's, for conditions PostgreSQL answers from its indexes.
    this.addSql(`create view "audit_entry" as
      select case when a.entity_ids is null then a.id else md5(a.id::text || ':' || x.n)::uuid end as id,
        a.at, a.actor_id, a.actor_role, a.action, a.entity_type,
        coalesce(x.entity_id, a.entity_id) as entity_id, coalesce(x.patient_id, a.patient_id) as patient_id,
        a.emergency, a.reason, a.client_address, a.request_id,
        a.id as stored_id, a.entity_id as stored_entity_id, a.patient_id as stored_patient_id,
        a.entity_ids as stored_entity_ids, a.patient_ids as stored_patient_ids
      from "audit_event" a
      left join lateral unnest(a.entity_ids, a.patient_ids) with ordinality as x(entity_id, patient_id, n) on true;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop view "audit_entry";`);
    this.addSql(`drop index "audit_event_patient_ids_gin";`);
    this.addSql(`drop index "audit_event_entity_ids_gin";`);
    this.addSql(`drop index "audit_event_entity_id_index";`);
    this.addSql(`alter table "audit_event" drop column "entity_ids", drop column "patient_ids";`);
  }

}
