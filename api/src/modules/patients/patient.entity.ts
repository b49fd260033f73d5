import { Entity, Enum, Index, OneToOne, Property, type Ref, type Opt, OptionalProps } from '@mikro-orm/core';
import { Extensions, Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { CLINICAL } from '../../shared/clinical.js';
import { CalendarDateScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';
import { GENDER_DESCRIPTION, GENDERS, type Gender } from './gender.js';
import { EmergencyContact, FamilyHistoryEntry, Insurance, Surgery, type BloodGroup } from './medical-history.types.js';
import { Connection } from '../../shared/connection.js';

/**
 * The confirmed number without the characters `textableNumber` drops: the form an SMS gateway
 * sends (`+4915123456789`). Indexed; a query must spell it exactly so to use the index.
 */
export const CONFIRMED_PHONE_DIGITS = `regexp_replace(phone_confirmed_number, '[\\s\\-.()/]', '', 'g')`;

/**
 * A patient's profile and medical history. Patients are deactivated through their user, never
 * deleted: their clinical history stays.
 */
@ObjectType({ description: "A patient's demographics and medical history." })
@Entity({ tableName: 'patient' })
@Index({ name: 'patient_last_name_first_name_index', properties: ['lastName', 'firstName'] })
// The directory search's text (lower-cased names and phone) is a stored column with a trigram
// index: PostgreSQL rechecks each candidate row against the stored text, instead of computing it
// for every candidate (2,000 rows of a common three-letter word) as an expression index needs.
@Index({
  name: 'patient_search_trgm',
  expression: 'create index "patient_search_trgm" on "patient" using gin ("search_text" gin_trgm_ops)',
})
// A text reply (STOP, START) finds its patients by the confirmed number as the gateway writes it.
@Index({
  name: 'patient_confirmed_phone_digits',
  expression: `create index "patient_confirmed_phone_digits" on "patient" (${CONFIRMED_PHONE_DIGITS}) where "phone_confirmed_number" is not null`,
})
export class Patient extends BaseEntity {
  [OptionalProps]?: 'userId' | 'phoneConfirmed' | 'smsReminders' | 'smsRemindersWanted';

  @OneToOne({ entity: () => User, ref: true, owner: true, unique: true, deleteRule: 'restrict' })
  user!: Ref<User>;

  @Field(() => ID, { description: 'The sign-in account (for deactivateUser).' })
  get userId(): string {
    return this.user.id;
  }

  @Field({ description: 'Given name.' })
  @Property({ type: 'text' })
  firstName!: string;

  @Field({ description: 'Family name.' })
  @Property({ type: 'text' })
  lastName!: string;

  @Field(() => CalendarDateScalar, { description: 'Date of birth.' })
  @Property({ type: 'date' })
  dateOfBirth!: string;

  @Field(() => String, { nullable: true, description: GENDER_DESCRIPTION })
  @Enum({ items: () => [...GENDERS], nullable: true })
  gender?: Gender;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  @Property({ type: 'text', nullable: true })
  phone?: string;

  /** The number the patient confirmed with a code texted to it; texts stop when `phone` changes. */
  @Property({ type: 'text', nullable: true })
  phoneConfirmedNumber?: string | null;

  /** The patient asked for reminders by text message (sent only while the phone is confirmed). */
  @Property({ type: 'boolean', default: false })
  smsRemindersWanted: Opt<boolean> = false;

  @Field(() => Boolean, {
    description: 'Whether `phone` is the number the patient confirmed with a code texted to it (`confirmPhone`).',
  })
  get phoneConfirmed(): boolean {
    return Boolean(this.phone) && this.phone === this.phoneConfirmedNumber;
  }

  @Field(() => Boolean, {
    description:
      'Whether appointment reminders also go to the patient’s phone by text message: their choice (`setSmsReminders`), and only while the phone is confirmed.',
  })
  get smsReminders(): boolean {
    return this.smsRemindersWanted && this.phoneConfirmed;
  }

  /** What the directory search matches: names and phone, lower-cased (kept by PostgreSQL). */
  @Property({
    type: 'text',
    generated: `(lower(first_name || ' ' || last_name || ' ' || coalesce(phone, ''))) stored`,
    lazy: true,
    hidden: true,
  })
  searchText?: Opt<string>;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  @Property({ type: 'text', nullable: true })
  address?: string;

  @Field(() => String, { nullable: true, description: 'One of A+, A-, B+, B-, AB+, AB-, O+, O-.' })
  @Extensions(CLINICAL)
  @Property({ type: 'text', nullable: true })
  bloodGroup?: BloodGroup;

  @Field(() => [String], { description: 'Known allergies. Clinical.' })
  @Extensions(CLINICAL)
  @Property({ type: 'text[]', default: '{}' })
  allergies: Opt<string[]> = [];

  @Field(() => [String], { description: 'Long-term conditions. Clinical.' })
  @Extensions(CLINICAL)
  @Property({ type: 'text[]', default: '{}' })
  chronicConditions: Opt<string[]> = [];

  @Field(() => [String], { description: 'Medicines taken now. Clinical.' })
  @Extensions(CLINICAL)
  @Property({ type: 'text[]', default: '{}' })
  currentMedications: Opt<string[]> = [];

  @Field(() => [Surgery], { description: 'Past surgeries. Clinical.' })
  @Extensions(CLINICAL)
  @Property({ type: 'json', default: '[]' })
  surgeries: Opt<Surgery[]> = [];

  @Field(() => [FamilyHistoryEntry], { description: 'Conditions in the family. Clinical.' })
  @Extensions(CLINICAL)
  @Property({ type: 'json', default: '[]' })
  familyHistory: Opt<FamilyHistoryEntry[]> = [];

  @Field(() => [EmergencyContact], { description: 'People to call in an emergency.' })
  @Property({ type: 'json', default: '[]' })
  emergencyContacts: Opt<EmergencyContact[]> = [];

  @Field(() => Insurance, { nullable: true, description: 'Health insurance, if recorded.' })
  @Property({ type: 'json', nullable: true })
  insurance?: Insurance;
}

/** A page of patients, as the contract's lists return them. */
export const PatientConnection = Connection('Patient', Patient);

/**
 * {@link Patient.smsReminders} as SQL on a patient row aliased `patient` (the text-message jobs
 * read it in their own statements): the same rule, kept next to the getter.
 */
export function smsRemindersSql(patient: string): string {
  return `(${patient}.sms_reminders_wanted and ${patient}.phone is not null and ${patient}.phone = ${patient}.phone_confirmed_number)`;
}
