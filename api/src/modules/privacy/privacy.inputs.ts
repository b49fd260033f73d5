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

@InputType({ description: 'An administrator’s review of an access alert.' })
export class ReviewAccessAlertInput {
  @Field({
    description:
      'True: a breach — the account is locked out, the patients whose charts it read are told, and the authority is to be told within 72 hours. False: the access was explained.',
  })
  @IsBoolean()
  breach!: boolean;

  @Field({ description: 'What the review found (10 to 2,000 characters), e.g. who explained the access and how.' })
  @IsString()
  note!: string;
}
