import { Migration } from '@mikro-orm/migrations';

const PARTIAL = [
  ['audit_event_patient_id_at_index', `("patient_id", "at") where "patient_id" is not null`, `("patient_id", "at")`],
  ['audit_event_entity_id_index', `("entity_id") where "entity_id" is not null`, `("entity_id")`],
  ['audit_event_entity_ids_gin', `using gin ("entity_ids") where "entity_ids" is not null`, `using gin ("entity_ids")`],
  ['audit_event_patient_ids_gin', `using gin ("patient_ids") where "patient_ids" is not null`, `using gin ("patient_ids")`],
] as const;

/**
 * The audit trail's look-ups by patient and by entity become partial indexes (`… where <column> is
 * not null`): a group read has no entity id, a single read no arrays, a read across charts no
 * patient id, and the full indexes stored an entry for each of those empty columns — a chart's
 * first reads (four rows) paid 0.24 ms of PostgreSQL's CPU for their insert with the full indexes,
 * 0.16–0.18 ms with the partial ones (one client, 5,000 inserts, three runs each). Every listing's condition implies `is not null`, so the same
 * look-ups use them (tested: audit-indexes.int.test.ts).
 *
 * Maintenance: this rebuilds four indexes of every month's partition in the migration's
 * transaction, which holds the audit table locked until it commits, so every audited read and
 * change waits meanwhile (20.9 s for a million stored events on the 2-core machine). On a large
 * trail apply it in a quiet hour (see k8s/README.md).
 */
export class Migration20261204123000 extends Migration {

  override async up(): Promise<void> {
    for (const [name, partial] of PARTIAL) {
      this.addSql(`drop index "${name}";`);
      this.addSql(`create index "${name}" on "audit_event" ${partial};`);
    }
  }

  override async down(): Promise<void> {
    for (const [name, , full] of PARTIAL) {
      this.addSql(`drop index "${name}";`);
      this.addSql(`create index "${name}" on "audit_event" ${full};`);
    }
  }

}
