import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../server/context.js';
import { Specialization } from './specialization.entity.js';
import { SpecializationService } from './specialization.service.js';

@Resolver(() => Specialization)
export class SpecializationResolver {
  @Query(() => [Specialization], {
    description:
      'The clinic’s managed list of specialisations, by name, open to everyone. A doctor’s `specialization` is always one of these names.',
  })
  specializations(@Ctx() ctx: Context): Promise<Specialization[]> {
    return new SpecializationService(ctx).list();
  }

  @FieldResolver(() => Int, {
    description:
      'How many active doctors have this specialisation: the ones a patient can book (0: none yet). Counted once per request for the whole list.',
  })
  doctorCount(@Root() specialization: Specialization, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.doctors.activeCountBySpecialization.load(specialization.name);
  }

  @Mutation(() => Specialization, {
    description:
      'ADMIN. Adds a specialisation to the managed list (2 to 80 characters); a name already there in any case is CONFLICT.',
  })
  createSpecialization(
    @Arg('name', { description: 'The name as doctors and patients will see it, e.g. "Sports Medicine".' }) name: string,
    @Ctx() ctx: Context,
  ): Promise<Specialization> {
    return new SpecializationService(ctx).create(name);
  }
}
