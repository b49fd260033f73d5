import { IsEnum, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarDateScalar, DateTimeScalar } from '../../shared/scalars.js';
import { ClaimStatus, PaymentMethod } from './billing.types.js';

const NOT_BLANK = /\S/;

@InputType({ description: 'Money received against an invoice.' })
export class RecordPaymentInput {
  @Field({ description: 'Decimal string in the invoice’s currency, at most its decimals, e.g. "40.00".' })
  @IsString()
  amount!: string;

  @Field(() => String, { nullable: true, description: 'ISO-4217; must be the invoice’s currency when given.' })
  @IsOptional()
  @IsString()
  currency?: string | null;

  @Field(() => PaymentMethod, { description: 'How the money came in.' })
  @IsEnum(PaymentMethod)
  method!: PaymentMethod;

  @Field(() => String, {
    nullable: true,
    description: 'Proof of payment: required for CARD (slip), TRANSFER (bank reference) and INSURANCE.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'must be at most 200 characters' })
  reference?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the money came in; now when omitted. Not in the future.',
  })
  @IsOptional()
  paidAt?: Date | null;
}

@InputType({ description: 'An insurance policy of a patient.' })
export class AddInsurancePolicyInput {
  @Field(() => ID, { nullable: true, description: 'Required for an ADMIN; a PATIENT adds their own.' })
  @IsOptional()
  @IsString()
  patientId?: string | null;

  @Field({ description: 'The insurer, e.g. "AOK".' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  provider!: string;

  @Field({ description: 'The policy number on the card.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'is required' })
  @MaxLength(100, { message: 'must be at most 100 characters' })
  policyNumber!: string;

  @Field(() => String, { nullable: true, description: 'The patient’s member id with the insurer.' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'must be at most 100 characters' })
  memberId?: string | null;

  @Field(() => CalendarDateScalar, { description: 'First day of cover.' })
  validFrom!: string;

  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day of cover; open-ended when omitted.' })
  @IsOptional()
  validTo?: string | null;
}

@InputType({ description: 'The insurer’s decision on a submitted claim.' })
export class DecideClaimInput {
  @Field(() => ClaimStatus, { description: 'APPROVED, PARTIALLY_APPROVED or REJECTED.' })
  @IsEnum(ClaimStatus)
  status!: ClaimStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'Required for PARTIALLY_APPROVED (more than zero, less than claimed); APPROVED means the amount claimed.',
  })
  @IsOptional()
  @IsString()
  amountApproved?: string | null;

  @Field(() => String, { nullable: true, description: 'The insurer’s note; required for REJECTED.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'must be at most 1000 characters' })
  note?: string | null;
}
