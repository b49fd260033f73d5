import { Field, ObjectType } from 'type-graphql';
import { CalendarDateScalar } from '../../shared/scalars.js';

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export type BloodGroup = (typeof BLOOD_GROUPS)[number];

@ObjectType({ description: 'Someone to call in an emergency.' })
export class EmergencyContact {
  @Field({ description: 'Who to call.' })
  name!: string;

  @Field({ description: 'How they relate to the patient, e.g. spouse.' })
  relationship!: string;

  @Field({ description: 'Their phone number.' })
  phone!: string;
}

@ObjectType({ description: 'A past operation.' })
export class Surgery {
  @Field({ description: 'What was done.' })
  procedure!: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'When it took place.' })
  date?: string;

  @Field({ nullable: true, description: 'Further notes.' })
  notes?: string;
}

@ObjectType({ description: "A condition in the patient's family." })
export class FamilyHistoryEntry {
  @Field({ description: 'Which relative had it, e.g. mother.' })
  relation!: string;

  @Field({ description: 'The condition.' })
  condition!: string;
}

@ObjectType({ description: 'Health insurance cover.' })
export class Insurance {
  @Field({ description: 'Insurance company.' })
  provider!: string;

  @Field({ description: 'Policy number.' })
  policyNumber!: string;

  @Field({ nullable: true, description: 'Group number, if any.' })
  groupNumber?: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day of cover.' })
  validUntil?: string;
}
