import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict } from '../../shared/errors.js';
import { Role } from '../identity/role.js';
import { Specialization } from './specialization.entity.js';

export const SPECIALIZATION_NAME_MAX = 80;

/** Spaces collapsed and trimmed: "  Sports   medicine " → "Sports medicine". */
export function tidySpecializationName(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function findByName(em: EntityManager, name: string): Promise<Specialization | null> {
  return em.createQueryBuilder(Specialization, 's').where('lower(s.name) = ?', [name.toLowerCase()]).getSingleResult();
}

export const UNKNOWN_SPECIALIZATION = 'must be one of the clinic’s specialisations (an administrator adds new ones)';

/**
 * The canonical name of the managed specialisation `value` names (any case, any spacing), or
 * undefined: a doctor never gets a specialisation outside the list.
 */
export async function findSpecializationName(em: EntityManager, value: string): Promise<string | undefined> {
  const name = tidySpecializationName(value);
  return name ? (await findByName(em, name))?.name : undefined;
}

/** The managed list: everyone reads it; administrators add to it. */
export class SpecializationService {
  constructor(private readonly ctx: Context) {}

  list(): Promise<Specialization[]> {
    return this.ctx.em.find(Specialization, {}, { orderBy: { name: 'asc' } });
  }

  async create(nameInput: string): Promise<Specialization> {
    this.ctx.access.requireRole(Role.ADMIN);
    const name = tidySpecializationName(nameInput);
    if (name.length < 2 || name.length > SPECIALIZATION_NAME_MAX) {
      throw badInput([{ field: 'name', message: `must be 2 to ${SPECIALIZATION_NAME_MAX} characters` }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const existing = await findByName(tx, name);
      if (existing) {
        throw conflict(`"${existing.name}" is already on the list.`, 'SPECIALIZATION_EXISTS');
      }
      const specialization = tx.create(Specialization, { name });
      this.ctx.audit.record(tx, {
        action: 'CREATE',
        entityType: 'Specialization',
        entityId: specialization.id,
      });
      return specialization;
    });
  }
}
