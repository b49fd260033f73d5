import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';

@ObjectType({ description: 'A hospital or clinic site of the organisation.' })
@Entity({ tableName: 'hospital' })
export class Hospital extends BaseEntity {
  @Field({ description: 'The hospital’s name, unique.' })
  @Property({ type: 'text', unique: true })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  @Property({ type: 'text', nullable: true })
  address?: string;

  @Field({ description: 'IANA time zone of the site, e.g. Europe/Berlin: its days, years and opening hours.' })
  @Property({ type: 'text' })
  timezone!: string;

  @Field({ description: 'Short code that prefixes the hospital’s invoice numbers, e.g. "CGH".' })
  @Property({ type: 'text', unique: true })
  code!: string;

  @Field({ description: 'ISO-4217 currency its fees and invoices are in by default.' })
  @Property({ type: 'text', default: 'EUR' })
  currency: string = 'EUR';
}
