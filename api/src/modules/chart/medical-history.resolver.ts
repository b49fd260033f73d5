import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { MedicalHistoryChange } from '../patients/medical-history-change.entity.js';

/** `MedicalHistoryChange.doctor` lives above both: the patients module knows no doctors. */
@Resolver(() => MedicalHistoryChange)
export class MedicalHistoryChangeResolver {
  @FieldResolver(() => Doctor, {
    nullable: true,
    description: 'The doctor who made the change; null when the patient made it (`byPatient`).',
  })
  async doctor(@Root() change: MedicalHistoryChange, @Ctx() ctx: Context): Promise<Doctor | null> {
    return change.byPatient ? null : ctx.loaders.doctors.byUser.load(change.changedBy.id);
  }
}
