import { ArrayMaxSize, ArrayUnique, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { AppointmentEventKind } from '../appointments/appointment-event.type.js';
import { ClaimStatus } from '../billing/billing.types.js';

@InputType({ description: 'A new webhook: where to send events, and which kinds.' })
export class CreateWebhookInput {
  @Field({
    description:
      'The endpoint: an https URL at a public address, at most 2048 characters (plain http to this machine only in development). Redirects are not followed.',
  })
  @IsNotEmpty({ message: 'is required' })
  @MaxLength(2048)
  url!: string;

  @Field(() => [AppointmentEventKind], {
    description: 'The kinds of appointment event to send; at least one kind here or in `claimEvents`.',
  })
  @ArrayMaxSize(Object.keys(AppointmentEventKind).length)
  @ArrayUnique({ message: 'must not repeat a kind' })
  events!: AppointmentEventKind[];

  @Field(() => [ClaimStatus], {
    nullable: true,
    description:
      'What insurance claims becoming to send (`claim.submitted`, `claim.approved`…): ADMIN, or an insurer’s client with claims:read (its own claims only).',
  })
  @IsOptional()
  @ArrayMaxSize(Object.keys(ClaimStatus).length)
  @ArrayUnique({ message: 'must not repeat a kind' })
  claimEvents?: ClaimStatus[] | null;
}
