import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../shared/scalars.js';

@InputType({
  description:
    'A place on the waitlist: a doctor, or any doctor of a specialisation (exactly one), and the window that suits.',
})
export class JoinWaitlistInput {
  @Field(() => ID, { nullable: true, description: 'The doctor to wait for.' })
  doctorId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Or a specialisation from `specializations`: the first free slot of any of its doctors.',
  })
  @IsOptional()
  @MaxLength(80)
  specialization?: string | null;

  @Field(() => DateTimeScalar, { description: 'The earliest start that suits (the past counts as now).' })
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'The latest end that suits: in the future, at most 31 days after from.' })
  to!: Date;
}
