import { Field, ObjectType } from 'type-graphql';
import { CalendarDateScalar } from '../../shared/scalars.js';

export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-'] as const;
export type BloodGroup = (typeof BLOOD_GROUPS)[number];

@ObjectType({ description: 'Someone to call in an emergency.' })
export class EmergencyContact {
  @Field()
  name!: string;

  @Field()
  relationship!: string;

  @Field()
  phone!: string;
}

@ObjectType({ description: 'A past operation.' })
export class Surgery {
  @Field()
  procedure!: string;

  @Field(() => CalendarDateScalar, { nullable: true })
  date?: string;

  @Field({ nullable: true })
  notes?: string;
}

@ObjectType({ description: "A condition in the patient's family." })
export class FamilyHistoryEntry {
  @Field()
  relation!: string;

  @Field()
  condition!: string;
}

@ObjectType({ description: 'Health insurance cover.' })
export class Insurance {
  @Field()
  provider!: string;

  @Field()
  policyNumber!: string;

  @Field({ nullable: true })
  groupNumber?: string;

  @Field(() => CalendarDateScalar, { nullable: true })
  validUntil?: string;
}
