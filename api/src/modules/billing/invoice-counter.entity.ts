import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Hospital } from '../organisation/hospital.entity.js';

/**
 * The last invoice number used per hospital and year. Taken with a row lock inside the
 * invoice's own transaction, so a rolled-back invoice gives its number back: no gaps, unlike a
 * sequence.
 */
@Entity({ tableName: 'invoice_counter' })
export class InvoiceCounter {
  @ManyToOne({ entity: () => Hospital, ref: true, primary: true, deleteRule: 'restrict' })
  hospital!: Ref<Hospital>;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  lastNumber!: number;
}
