import { Entity, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { BaseEntity } from '../shared/base.entity.js';
import { buildAppSchema, rowGuards } from './schema.js';
import { applyAccessGuard, rowChecksOf } from './access-guard.js';
import { Patient } from '../modules/patients/patient.entity.js';
import { Prescription } from '../modules/prescriptions/prescription.entity.js';
import { MedicalRecord } from '../modules/records/medical-record.entity.js';
import { forbidden } from '../shared/errors.js';
import type { MaybePromise } from '../shared/maybe-async.js';
import type { Context } from './context.js';

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

describe('a list of rows, checked as one list', () => {
  const recordOf = (id: string, patientId: string): MedicalRecord =>
    Object.assign(Object.create(MedicalRecord.prototype) as MedicalRecord, { id, patient: { id: patientId } });
  const prescriptionOf = (id: string, patientId: string): Prescription =>
    Object.assign(Object.create(Prescription.prototype) as Prescription, { id, patient: { id: patientId } });
  /** A context whose access control answers `decide(patientId)` and whose audit trail collects the reads. */
  const contextOf = (decide: (patientId: string) => MaybePromise<{ relation: string; emergencyReason?: string }>) => {
    const asked: string[] = [];
    const reads: object[] = [];
    const context = {
      access: {
        assertClinical: (patientId: string) => {
          asked.push(patientId);
          return decide(patientId);
        },
      },
      audit: { read: (entry: object) => reads.push(entry) },
    } as unknown as Context;
    return { context, asked, reads };
  };
  const NESTED = { topLevel: false };

  it("decides each run of one patient's records once, and audits every row from that decision", async () => {
    const checks = rowChecksOf(await buildAppSchema())!;
    const { context, asked, reads } = contextOf(() => ({ relation: 'care' }));
    const rows = [recordOf('r1', 'pa'), recordOf('r2', 'pa'), recordOf('r3', 'pb'), prescriptionOf('x1', 'pa')];
    expect(checks.checkRows(rows, context, NESTED)).toBeUndefined(); // known decisions: no promise
    expect(asked).toEqual(['pa', 'pb', 'pa']);
    expect(reads).toEqual([
      { entityType: 'MedicalRecord', entityId: 'r1', patientId: 'pa', emergency: false, reason: undefined },
      { entityType: 'MedicalRecord', entityId: 'r2', patientId: 'pa', emergency: false, reason: undefined },
      { entityType: 'MedicalRecord', entityId: 'r3', patientId: 'pb', emergency: false, reason: undefined },
      { entityType: 'Prescription', entityId: 'x1', patientId: 'pa', emergency: false, reason: undefined },
    ]);
    // One row alone is the same rule: the same audit entry.
    const single = contextOf(() => ({ relation: 'emergency', emergencyReason: 'unconscious' }));
    await checks.check(rows[0]!)?.(rows[0]!, single.context, NESTED);
    expect(single.reads).toEqual([
      { entityType: 'MedicalRecord', entityId: 'r1', patientId: 'pa', emergency: true, reason: 'unconscious' },
    ]);
  });

  it('refuses the list when one patient is refused, auditing none of that patient’s rows; waits for decisions not yet known', async () => {
    const checks = rowChecksOf(await buildAppSchema())!;
    const refusing = contextOf((patientId) => {
      if (patientId === 'pb') {
        throw forbidden('no');
      }
      return { relation: 'care' };
    });
    expect(() => checks.checkRows([recordOf('r1', 'pa'), recordOf('r3', 'pb')], refusing.context, NESTED)).toThrow(
      /no/,
    );
    expect(refusing.reads).toEqual([expect.objectContaining({ entityId: 'r1' })]);

    const pending = contextOf(() => Promise.resolve({ relation: 'patient' }));
    const checked = checks.checkRows([recordOf('r1', 'pa'), recordOf('r2', 'pa')], pending.context, NESTED);
    expect(checked).toBeInstanceOf(Promise);
    expect(pending.reads).toEqual([]);
    await checked;
    expect(pending.reads.map((read) => (read as { entityId: string }).entityId)).toEqual(['r1', 'r2']);

    const late = contextOf(() => Promise.reject(forbidden('not yet')));
    await expect(checks.checkRows([recordOf('r1', 'pa')], late.context, NESTED)).rejects.toThrow(/not yet/);
    expect(late.reads).toEqual([]);
  });
});
