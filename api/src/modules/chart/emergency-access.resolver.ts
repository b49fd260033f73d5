import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { EmergencyAccessService } from './emergency-access.service.js';
import { EmergencyGrant } from './emergency-grant.entity.js';

@Resolver(() => EmergencyGrant)
export class EmergencyAccessResolver {
  @Mutation(() => EmergencyGrant, {
    description: "DOCTOR. Break-glass access to a patient's chart for 60 minutes, with a stated reason; audited.",
  })
  requestEmergencyAccess(
    @Arg('patientId', () => ID, { description: 'The patient whose chart is needed.' }) patientId: string,
    @Arg('reason', { description: 'Why the chart is needed now (audited, shown to the patient).' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<EmergencyGrant> {
    return new EmergencyAccessService(ctx).requestEmergencyAccess(patientId, reason);
  }
}
