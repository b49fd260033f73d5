import { ArrayMaxSize, ArrayMinSize, IsIn, IsNotEmpty, IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ConsentPurpose } from './consent.entity.js';
import { SCOPE_NAMES } from './scopes.js';

@InputType({ description: 'A new API client for a partner system.' })
export class CreateApiClientInput {
  @Field({ description: 'The partner’s name, as patients will see it when they consent (1–100 characters).' })
  @IsNotEmpty({ message: 'is required' })
  @Matches(/\S/, { message: 'is required' })
  @MaxLength(100)
  name!: string;

  @Field(() => [String], { description: 'The scopes the client may request, at least one (see `apiScopes`).' })
  @ArrayMinSize(1, { message: 'must name at least one scope' })
  @ArrayMaxSize(SCOPE_NAMES.length)
  @IsIn(SCOPE_NAMES, { each: true, message: `must each be one of: ${SCOPE_NAMES.join(', ')}` })
  scopes!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'For an insurer: its name as patients’ policies give it (1–100 characters); required with `claims:read` or `claims:write`, and only with them.',
  })
  @IsOptional()
  @MaxLength(100)
  insurer?: string | null;
}

@InputType({ description: 'A consent the signed-in patient gives.' })
export class GrantConsentInput {
  @Field(() => ConsentPurpose, { description: 'What the patient agrees to.' })
  purpose!: ConsentPurpose;

  @Field(() => ID, {
    nullable: true,
    description: 'The partner (API client) to share with: required for DATA_SHARING, absent otherwise.',
  })
  @IsOptional()
  apiClientId?: string | null;
}
