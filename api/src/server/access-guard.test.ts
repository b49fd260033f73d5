import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { BaseEntity } from '../shared/base.entity.js';
import { buildAppSchema, rowGuards } from './schema.js';
import { applyAccessGuard } from './access-guard.js';
import { Patient } from '../modules/patients/patient.entity.js';

@ObjectType({ description: 'An entity type added without a row guard.' })
@Entity({ tableName: 'unguarded_thing' })
class UnguardedThing extends BaseEntity {
  @Field({ description: 'Anything.' })
  @Property({ type: 'text' })
  label!: string;
}

@ObjectType({ description: 'A plain result type: no table behind it, so no guard needed.' })
class PlainResult {
  @Field({ description: 'Anything.' })
  label!: string;
}

describe('the access guard fails closed', () => {
  it('builds the application schema: every entity type has a guard or a reviewed marker', async () => {
    await expect(buildAppSchema({ extraTypes: [PlainResult] })).resolves.toBeDefined();
  });

  it('refuses to build a schema with an entity type that has no row guard, naming the type', async () => {
    await expect(buildAppSchema({ extraTypes: [UnguardedThing] })).rejects.toThrow(
      /no row guard for UnguardedThing \(entity UnguardedThing\)/,
    );
  });

  it('refuses a schema whose entity type lost its guard', async () => {
    const schema = await buildAppSchema();
    const withoutPatient = rowGuards.filter((guard) => guard.entity !== Patient);
    expect(() => applyAccessGuard(schema, withoutPatient)).toThrow(/no row guard for Patient/);
  });

  it('refuses two guards for one entity', async () => {
    const schema = await buildAppSchema();
    expect(() => applyAccessGuard(schema, [...rowGuards, rowGuards[0]!])).toThrow(/Two row guards/);
  });
});
