import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Connection, type ConnectionShape } from '../../shared/connection.js';
import { PageArgs } from '../../shared/pagination.js';
import { selects } from '../../shared/selection.js';
import { Patient } from '../patients/patient.entity.js';
import { ERASURE_ANSWER_DAYS, ErasureRequest, ErasureRequestStatus } from './erasure-request.entity.js';
import {
  ERASURE_ANSWER_MAX,
  ERASURE_ANSWER_MIN,
  ERASURE_REASON_MAX,
  ErasureRequestService,
} from './erasure-request.service.js';
import { DecideErasureRequestInput } from './privacy.inputs.js';

export const ErasureRequestConnection = Connection('ErasureRequest', ErasureRequest);

/** A patient's right to erasure: asked in the portal, answered in the admin console. */
@Resolver(() => ErasureRequest)
export class ErasureRequestResolver {
  @Query(() => ErasureRequestConnection, {
    description:
      'Erasure requests, oldest first (the first due first): ADMIN every patient’s, PATIENT their own. Doctors and partners see none.',
  })
  erasureRequests(
    @Arg('status', () => [ErasureRequestStatus], { nullable: true, description: 'Only requests in these statuses.' })
    status: ErasureRequestStatus[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<ErasureRequest>> {
    return new ErasureRequestService(ctx).list(status, page, { count: selects(info, ['totalCount']) });
  }

  @Mutation(() => ErasureRequest, {
    description:
      `PATIENT. Asks the clinic to close their account and erase their data; the administrators are told and answer within ${ERASURE_ANSWER_DAYS} days. ` +
      'Carried out, it cancels upcoming appointments, leaves waitlists, withdraws every consent and waiting repeat request, erases the phone and emergency contacts ' +
      'and closes the sign-in; the medical record and bills are kept as the law requires. CONFLICT `ERASURE_ALREADY_REQUESTED` while one waits.',
  })
  requestErasure(
    @Arg('reason', () => String, {
      nullable: true,
      description: `Anything the clinic should know (at most ${ERASURE_REASON_MAX} characters).`,
    })
    reason: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ErasureRequest> {
    return new ErasureRequestService(ctx).request(reason);
  }

  @Mutation(() => ErasureRequest, {
    description:
      'PATIENT. Takes back their erasure request before it is answered (WITHDRAWN); CONFLICT `ERASURE_ALREADY_ANSWERED` after.',
  })
  withdrawErasureRequest(
    @Arg('id', () => ID, { description: 'The erasure request.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ErasureRequest> {
    return new ErasureRequestService(ctx).withdraw(id);
  }

  @Mutation(() => ErasureRequest, {
    description:
      'ADMIN. Answers a REQUESTED erasure request: carries it out (CARRIED_OUT, with `outcome`; all of it or, on any error, nothing) ' +
      `or refuses it with the legal ground in \`answer\` (${ERASURE_ANSWER_MIN} to ${ERASURE_ANSWER_MAX} characters; REFUSED). ` +
      'The patient is told by e-mail. CONFLICT `ERASURE_ALREADY_ANSWERED` once answered or withdrawn.',
  })
  decideErasureRequest(
    @Arg('id', () => ID, { description: 'The erasure request.' }) id: string,
    @Arg('input', () => DecideErasureRequestInput, { description: 'The answer.' }) input: DecideErasureRequestInput,
    @Ctx() ctx: Context,
  ): Promise<ErasureRequest> {
    return new ErasureRequestService(ctx).decide(id, input);
  }

  @FieldResolver(() => Patient, { description: 'Whose request it is.' })
  patient(@Root() request: ErasureRequest): Promise<Patient> {
    return request.patient.loadOrFail();
  }
}
