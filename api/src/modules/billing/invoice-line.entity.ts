import { Entity, ManyToOne, Property, Unique, type Ref, OptionalProps } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Money, toMinor } from '../../shared/money.js';
import { Invoice } from './invoice.entity.js';

@ObjectType({ description: 'One charge on an invoice. `total` is quantity × unit price, exact.' })
@Entity({ tableName: 'invoice_line' })
@Unique({ properties: ['invoice', 'position'] })
export class InvoiceLine extends BaseEntity {
  [OptionalProps]?: 'unitPrice' | 'total';

  @ManyToOne({ entity: () => Invoice, ref: true, deleteRule: 'cascade' })
  invoice!: Ref<Invoice>;

  @Property({ type: 'integer' })
  position!: number;

  @Field({ description: 'What is charged, e.g. "Consultation — Dr Jane Doe, Cardiology". Never clinical.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => Int, { description: 'How many.' })
  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'decimal', precision: 16, scale: 4 })
  unitAmount!: string;

  @Property({ type: 'text' })
  currency!: string;

  @Field(() => Money, { description: 'Price of one.' })
  get unitPrice(): Money {
    return Money.fromStored(this.unitAmount, this.currency);
  }

  @Field(() => Money, { description: 'quantity × unitPrice, exact.' })
  get total(): Money {
    return Money.of((toMinor(this.unitAmount, this.currency) ?? 0n) * BigInt(this.quantity), this.currency);
  }
}
