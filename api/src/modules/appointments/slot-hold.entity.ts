import { Check, Entity, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';

/**
 * A slot kept for one patient until `expiresAt`: nobody else is offered it or can book it. Whether
 * a hold is active is decided by the database clock (`released_at is null and expires_at > now()`)
 * whenever it is read, so a hold runs out on time whether or not any job runs. Holds and
 * bookings of one doctor take turns on the doctor's row (see SlotHoldService); the exclusion
 * constraint keeps two unreleased holds of a doctor from overlapping (expired ones are released
 * under that lock before a new one goes in).
 */
@ObjectType({ description: 'A slot kept for the patient finishing a booking (or offered from the waitlist).' })
@Entity({ tableName: 'slot_hold' })
@Index({ properties: ['doctor', 'startsAt'] })
@Index({ properties: ['patient', 'expiresAt'] })
@Check({ name: 'slot_hold_time_range_check', expression: 'starts_at < ends_at' })
@Index({
  name: 'slot_hold_doctor_no_overlap',
  expression: `alter table "slot_hold" add constraint "slot_hold_doctor_no_overlap" exclude using gist ("doctor_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("released_at" is null)`,
})
export class SlotHold extends BaseEntity {
  [OptionalProps]?: 'doctorId' | 'createdAt' | 'updatedAt';

  // indexed by the composite index above
  @ManyToOne({ entity: () => Doctor, ref: true, deleteRule: 'cascade' })
  doctor!: Ref<Doctor>;

  // indexed by the composite index above
  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'cascade' })
  patient!: Ref<Patient>;

  @Field(() => DateTimeScalar, { description: 'When the held slot starts.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the held slot ends.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  endsAt!: Date;

  @Field(() => DateTimeScalar, {
    description: 'Until when the slot is kept; after it anyone may take the slot, and booking with this hold fails.',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  /** Released by its holder, used by a booking, or superseded; active holds have none. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  releasedAt?: Date;

  /** The booking that used it (a plain column: the hold is history once used). */
  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;

  /** Set for a waitlist offer (a plain column: the waitlist module sits above this one). */
  @Property({ type: 'uuid', nullable: true, index: true })
  waitlistEntryId?: string;

  @Field(() => ID, { description: 'The doctor whose slot is held.' })
  get doctorId(): string {
    return this.doctor.id;
  }
}
