import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'An administrator’s answer to an erasure request.' })
export class DecideErasureRequestInput {
  @Field({
    description:
      'True: close the account and erase what the law lets go, now (everything in one transaction). False: refuse, giving `answer`.',
  })
  @IsBoolean()
  carryOut!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'What the patient reads in their portal: for a refusal (required) its legal ground, e.g. a claim still being settled.',
  })
  @IsOptional()
  @IsString()
  answer?: string | null;
}
