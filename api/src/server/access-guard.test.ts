import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { BaseEntity } from '../shared/base.entity.js';
import { buildAppSchema, rowGuards } from './schema.js';
import { applyAccessGuard, rowChecksOf } from './access-guard.js';
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

describe('the row checks for a path that reads rows without resolving each field', () => {
  it("are made once per schema (nothing made per call) and find a row's guard by its class, a subclass's by its base", async () => {
    const schema = await buildAppSchema();
    const checks = rowChecksOf(schema);
    expect(checks).toBeDefined();
    expect(rowChecksOf(schema)).toBe(checks);
    const guard = rowGuards.find((one) => one.entity === Patient);
    expect(guard?.kind).toBe('guarded');
    const patient = Object.create(Patient.prototype) as Patient;
    expect(checks!.check(patient)).toBe(guard?.kind === 'guarded' ? guard.check : 'no guard');
    class ReferredPatient extends Patient {}
    expect(checks!.check(Object.create(ReferredPatient.prototype) as object)).toBe(checks!.check(patient));
    expect(checks!.check({})).toBeUndefined();
    expect(checks!.clinicalField(patient)).toBe(guard?.kind === 'guarded' ? guard.clinicalField : 'no guard');
  });
});
