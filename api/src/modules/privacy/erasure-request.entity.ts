import { Entity, Enum, Index, ManyToOne, OptionalProps, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity.js';
import { DateTimeScalar } from '../../shared/scalars.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';

/** How long the clinic has to answer (GDPR Art. 12(3): one month). */
export const ERASURE_ANSWER_DAYS = 30;

export enum ErasureRequestStatus {
  REQUESTED = 'REQUESTED',
  CARRIED_OUT = 'CARRIED_OUT',
  REFUSED = 'REFUSED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(ErasureRequestStatus, {
  name: 'ErasureRequestStatus',
  description: 'Where a patient’s request to close their account and erase their data stands.',
  valuesConfig: {
    REQUESTED: { description: 'Waiting for an administrator (answered by `dueAt`).' },
    CARRIED_OUT: {
      description:
        'The account is closed and what the law lets go is erased (`outcome`); the medical record is kept for as long as the law requires.',
    },
    REFUSED: { description: 'An administrator refused it, giving the legal ground (`answer`).' },
    WITHDRAWN: { description: 'The patient took the request back before it was answered.' },
  },
});

/** What carrying out the request ended or erased: counts only, never the data itself. */
@ObjectType({ description: 'What carrying out an erasure request ended and erased.' })
export class ErasureOutcome {
  @Field(() => Int, { description: 'Upcoming appointments cancelled (their doctors were told; their time was freed).' })
  appointmentsCancelled!: number;

  @Field(() => Int, { description: 'Waitlist places left.' })
  waitlistPlacesLeft!: number;

  @Field(() => Int, { description: 'Consents to partners withdrawn: none of them sees the patient any more.' })
  consentsWithdrawn!: number;

  @Field(() => Int, { description: 'Repeat prescription requests still waiting, withdrawn.' })
  repeatRequestsWithdrawn!: number;
}

/**
 * A patient asking to close their account and have their data erased (GDPR Art. 17, "right to
 * erasure"). An administrator answers within {@link ERASURE_ANSWER_DAYS} days: carried out — the
 * sign-in closed, upcoming care ended, consents withdrawn, contact details erased — or refused with
 * the legal ground. The medical record itself is never erased: the law keeps it (Art. 17(3)(c)).
 * One open request per patient.
 */
@ObjectType({
  description:
    'A patient’s request to close their account and erase their data. Read by the patient and by administrators.',
})
@Entity({ tableName: 'erasure_request' })
@Index({ properties: ['status', 'createdAt'] })
@Index({
  name: 'erasure_request_one_open_per_patient',
  expression:
    'create unique index "erasure_request_one_open_per_patient" on "erasure_request" ("patient_id") where "status" = \'REQUESTED\'',
})
export class ErasureRequest extends BaseEntity {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt' | 'patientId';

  @ManyToOne({ entity: () => Patient, ref: true, deleteRule: 'restrict', index: true })
  patient!: Ref<Patient>;

  @Field(() => ID, { description: 'Whose request it is.' })
  get patientId(): string {
    return this.patient.id;
  }

  @Field(() => ErasureRequestStatus, { description: 'Where the request stands.' })
  @Enum({ items: () => ErasureRequestStatus, default: ErasureRequestStatus.REQUESTED })
  status: ErasureRequestStatus = ErasureRequestStatus.REQUESTED;

  @Field(() => String, { nullable: true, description: 'What the patient added, if anything.' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field(() => DateTimeScalar, { description: 'By when the clinic answers: a month after the request.' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  dueAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was carried out or refused (or the patient withdrew it).',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'restrict', nullable: true, index: true })
  decidedBy?: Ref<User> | null;

  @Field(() => String, {
    nullable: true,
    description: 'The administrator’s answer to the patient: for a refusal, its legal ground.',
  })
  @Property({ type: 'text', nullable: true })
  answer?: string | null;

  @Field(() => ErasureOutcome, { nullable: true, description: 'What was ended and erased, once CARRIED_OUT.' })
  @Property({ type: 'json', nullable: true })
  outcome?: ErasureOutcome | null;
}
