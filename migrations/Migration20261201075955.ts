import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail grows with every chart read: partition it by month on `at`, so old months can
 * be detached and archived whole (the retention rule in k8s/README.md) and recent ones stay small.
 *
 * Written by hand (MikroORM has no partitioning): the table is rebuilt as a partitioned one with
 * the same columns, indexes and append-only guarantee, existing rows are copied over in the same
 * transaction, and the old table is dropped. Pods of the previous release keep working while and
 * after this runs: the columns are unchanged, only the primary key gains `at`.
 */
export class Migration20261201075955 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`lock table "audit_event" in access exclusive mode;`);
    this.addSql(`alter table "audit_event" rename to "audit_event_unpartitioned";`);
    this.addSql(`alter table "audit_event_unpartitioned" rename constraint "audit_event_pkey" to "audit_event_unpartitioned_pkey";`);
    this.addSql(`alter index "audit_event_actor_id_at_index" rename to "audit_event_unpartitioned_actor_id_at_index";`);
    this.addSql(`alter index "audit_event_patient_id_at_index" rename to "audit_event_unpartitioned_patient_id_at_index";`);
    this.addSql(`alter index "audit_event_at_id_index" rename to "audit_event_unpartitioned_at_id_index";`);

    this.addSql(`create table "audit_event" ("id" uuid not null default gen_random_uuid(), "at" timestamptz not null default now(), "actor_id" uuid null, "actor_role" text check ("actor_role" in ('PATIENT', 'DOCTOR', 'ADMIN')) null, "action" text not null, "entity_type" text not null, "entity_id" uuid null, "patient_id" uuid null, "emergency" boolean not null default false, "reason" text null, "client_address" text null, "request_id" text null, constraint "audit_event_pkey" primary key ("id", "at")) partition by range ("at");`);
    this.addSql(`create index "audit_event_actor_id_at_index" on "audit_event" ("actor_id", "at");`);
    this.addSql(`create index "audit_event_patient_id_at_index" on "audit_event" ("patient_id", "at");`);
    this.addSql(`create index "audit_event_at_id_index" on "audit_event" ("at", "id");`);
    // Statement-level triggers are not inherited: the parent has one, each partition gets its own.
    this.addSql(`create trigger audit_event_append_only before update or delete or truncate on "audit_event" for each statement execute function forbid_rewrite();`);

    // One partition per calendar month (UTC), named audit_event_yYYYYmMM, each append-only.
    // Idempotent; run by `migrate up` (every release) and the monthly partition CronJob as the
    // schema owner. There is deliberately no default partition: a row for a month without one
    // fails its insert (and so the request that would have gone unaudited) instead of landing
    // in a partition that blocks creating that month later.
    this.addSql(`create function audit_event_ensure_partitions(from_time timestamptz, months_ahead int) returns int
      language plpgsql as $$
      declare
        month timestamp := date_trunc('month', from_time at time zone 'UTC');
        last_month timestamp := date_trunc('month', now() at time zone 'UTC') + make_interval(months => months_ahead);
        partition_name text;
        created int := 0;
      begin
        while month <= last_month loop
          partition_name := format('audit_event_y%sm%s', to_char(month, 'YYYY'), to_char(month, 'MM'));
          if to_regclass(format('public.%I', partition_name)) is null then
            execute format('create table public.%I partition of public.audit_event for values from (%L) to (%L)',
              partition_name, month at time zone 'UTC', (month + interval '1 month') at time zone 'UTC');
            execute format('create trigger %I before update or delete or truncate on public.%I for each statement execute function forbid_rewrite()',
              partition_name || '_append_only', partition_name);
            created := created + 1;
          end if;
          month := month + interval '1 month';
        end loop;
        return created;
      end $$;`);
    this.addSql(`select audit_event_ensure_partitions(least(coalesce((select min("at") from "audit_event_unpartitioned"), now()), now() - interval '12 months'), 12);`);

    this.addSql(`insert into "audit_event" select "id", "at", "actor_id", "actor_role", "action", "entity_type", "entity_id", "patient_id", "emergency", "reason", "client_address", "request_id" from "audit_event_unpartitioned";`);
    this.addSql(`drop table "audit_event_unpartitioned";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_event" rename to "audit_event_partitioned";`);
    this.addSql(`alter table "audit_event_partitioned" rename constraint "audit_event_pkey" to "audit_event_partitioned_pkey";`);
    this.addSql(`alter index "audit_event_actor_id_at_index" rename to "audit_event_partitioned_actor_id_at_index";`);
    this.addSql(`alter index "audit_event_patient_id_at_index" rename to "audit_event_partitioned_patient_id_at_index";`);
    this.addSql(`alter index "audit_event_at_id_index" rename to "audit_event_partitioned_at_id_index";`);
    this.addSql(`create table "audit_event" ("id" uuid not null default gen_random_uuid(), "at" timestamptz not null default now(), "actor_id" uuid null, "actor_role" text check ("actor_role" in ('PATIENT', 'DOCTOR', 'ADMIN')) null, "action" text not null, "entity_type" text not null, "entity_id" uuid null, "patient_id" uuid null, "emergency" boolean not null default false, "reason" text null, "client_address" text null, "request_id" text null, constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_actor_id_at_index" on "audit_event" ("actor_id", "at");`);
    this.addSql(`create index "audit_event_patient_id_at_index" on "audit_event" ("patient_id", "at");`);
    this.addSql(`create index "audit_event_at_id_index" on "audit_event" ("at", "id");`);
    this.addSql(`insert into "audit_event" select * from "audit_event_partitioned";`);
    this.addSql(`drop table "audit_event_partitioned" cascade;`);
    this.addSql(`drop function audit_event_ensure_partitions(timestamptz, int);`);
    this.addSql(`create trigger audit_event_append_only before update or delete or truncate on "audit_event" for each statement execute function forbid_rewrite();`);
  }
}
