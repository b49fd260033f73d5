import { Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { Connection } from '../../shared/connection.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import type { FamilyHistoryEntry, Surgery } from './medical-history.types.js';
import { Patient } from './patient.entity.js';

/** The parts of a patient's medical history, each changed through `updatePatient`. */
export enum MedicalHistoryPart {
  BLOOD_GROUP = 'BLOOD_GROUP',
  ALLERGIES = 'ALLERGIES',
  CHRONIC_CONDITIONS = 'CHRONIC_CONDITIONS',
  CURRENT_MEDICATIONS = 'CURRENT_MEDICATIONS',
  SURGERIES = 'SURGERIES',
  FAMILY_HISTORY = 'FAMILY_HISTORY',
}

registerEnumType(MedicalHistoryPart, {
  name: 'MedicalHistoryPart',
  description: "A part of a patient's medical history (a field of `updatePatient`'s input).",
  valuesConfig: {
    BLOOD_GROUP: { description: '`bloodGroup`.' },
    ALLERGIES: { description: '`allergies`.' },
    CHRONIC_CONDITIONS: { description: '`chronicConditions`.' },
    CURRENT_MEDICATIONS: { description: '`currentMedications`.' },
    SURGERIES: { description: '`surgeries`.' },
    FAMILY_HISTORY: { description: '`familyHistory`.' },
  },
});

/** Each part's property on Patient, in the order the history shows them. */
export const HISTORY_PARTS = [
  [MedicalHistoryPart.BLOOD_GROUP, 'bloodGroup'],
  [MedicalHistoryPart.ALLERGIES, 'allergies'],
  [MedicalHistoryPart.CHRONIC_CONDITIONS, 'chronicConditions'],
  [MedicalHistoryPart.CURRENT_MEDICATIONS, 'currentMedications'],
  [MedicalHistoryPart.SURGERIES, 'surgeries'],
  [MedicalHistoryPart.FAMILY_HISTORY, 'familyHistory'],
] as const satisfies readonly (readonly [MedicalHistoryPart, keyof Patient])[];

/** What one part held: a blood group (or none), a list of names, or a list of entries. */
export type HistoryValue = string | null | readonly string[] | readonly Surgery[] | readonly FamilyHistoryEntry[];

/** One entry of a part as people read it: "Appendectomy (2019-05-02): laparoscopic", "mother: diabetes". */
function itemText(item: string | Surgery | FamilyHistoryEntry): string {
  if (typeof item === 'string') {
    return item;
  }
  if ('procedure' in item) {
    return `${item.procedure}${item.date ? ` (${item.date})` : ''}${item.notes ? `: ${item.notes}` : ''}`;
  }
  return `${item.relation}: ${item.condition}`;
}

/** A part's value as the list of its entries' texts (a blood group is one entry, none none). */
export function historyItems(value: HistoryValue | undefined): string[] {
  if (value === null || value === undefined) {
    return [];
  }
  return typeof value === 'string' ? [value] : value.map(itemText);
}

/** The entries of `from` not in `to`, each counted (a name given twice and kept once was removed once). */
function missingFrom(from: readonly string[], to: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const item of to) {
    left.set(item, (left.get(item) ?? 0) + 1);
  }
  return from.filter((item) => {
    const count = left.get(item) ?? 0;
    left.set(item, count - 1);
    return count <= 0;
  });
}

/**
 * The parts of the history an update changes, with what each held and will hold: a part given with
 * the same entries (in any order) is no change.
 */
export function changedHistoryParts(
  patient: Patient,
  update: Readonly<Record<string, unknown>>,
): { part: MedicalHistoryPart; previous: HistoryValue; current: HistoryValue }[] {
  return HISTORY_PARTS.flatMap(([part, key]) => {
    const given = update[key];
    if (given === undefined) {
      return [];
    }
    const previous = (patient[key] ?? null) as HistoryValue;
    const current = (given ?? null) as HistoryValue;
    const before = historyItems(previous);
    const after = historyItems(current);
    const same = missingFrom(before, after).length === 0 && missingFrom(after, before).length === 0;
    return same ? [] : [{ part, previous, current }];
  });
}

/**
 * One change of one part of a patient's medical history: what it held before and after, who
 * changed it (the patient, or a doctor — under an emergency grant or not) and when. Written in the
 * change's own transaction, never changed afterwards; part of the chart (kept as long as it is).
 */
@ObjectType({
  description:
    "One change of a part of a patient's medical history, with what it held before and after and who made it. " +
    'Clinical: for the patient, the doctors caring for them and API clients the patient shares with (clinical:read); ' +
    'never administrators. Every read is audited.',
})
@Entity({ tableName: 'medical_history_change' })
@Index({ properties: ['patient', 'changedAt'] })
export class MedicalHistoryChange extends BaseEntity {
  [OptionalProps]?: 'before' | 'after' | 'added' | 'removed' | 'byPatient';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict' })
  patient!: Ref<Patient>;

  @Field(() => MedicalHistoryPart, { description: 'Which part changed.' })
  @Enum({ items: () => MedicalHistoryPart })
  part!: MedicalHistoryPart;

  @Field(() => DateTimeScalar, { description: 'When it changed.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  changedAt: Opt<Date> = new Date();

  /** The part as it was, as stored on the patient (JSON). */
  @Property({ type: 'json', nullable: true })
  previous!: HistoryValue;

  /** The part as it became. */
  @Property({ type: 'json', nullable: true })
  current!: HistoryValue;

  /** The account that made the change: the patient's own, or a doctor's (`doctor` on the type, chart module). */
  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', index: true })
  changedBy!: Ref<User>;

  /** The role the account acted in: PATIENT or DOCTOR (administrators change demographics only). */
  @Enum({ items: () => Role })
  changedByRole!: Role;

  @Field(() => Boolean, {
    description: 'True when the doctor made it under an emergency grant, not a care relationship.',
  })
  @Property({ type: 'boolean', default: false })
  emergency: Opt<boolean> = false;

  @Field(() => [String], {
    description: "The part's entries before the change, as text (a surgery with its date and notes).",
  })
  get before(): string[] {
    return historyItems(this.previous);
  }

  @Field(() => [String], { description: "The part's entries after the change, as text." })
  get after(): string[] {
    return historyItems(this.current);
  }

  @Field(() => [String], { description: 'Entries the change added (a changed entry is one removed and one added).' })
  get added(): string[] {
    return missingFrom(this.after, this.before);
  }

  @Field(() => [String], { description: 'Entries the change removed.' })
  get removed(): string[] {
    return missingFrom(this.before, this.after);
  }

  @Field(() => Boolean, {
    description: 'True when the patient made the change themself; false when a doctor did (see `doctor`).',
  })
  get byPatient(): boolean {
    return this.changedByRole === Role.PATIENT;
  }
}

/** A page of medical history changes, newest first. */
export const MedicalHistoryChangeConnection = Connection('MedicalHistoryChange', MedicalHistoryChange);
