import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, notFound, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { readTrip } from '../../shared/one-trip.js';
import { readRow, rowReader } from '../../shared/read-rows.js';
import { requireCurrency } from '../../shared/money.js';
import { isValidZone, NOT_A_ZONE } from '../../shared/zone-cache.js';
import { auditFieldsOf, type ChartAccess } from '../identity/access-control.js';
import type { UserActor } from '../identity/actor.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Admission } from './admission.entity.js';
import { Bed, BedStatus } from './bed.entity.js';
import { publishBedChange } from './bed-events.js';
import { Department } from './department.entity.js';
import { Hospital } from './hospital.entity.js';
import type {
  AdmitPatientInput,
  CreateBedInput,
  CreateDepartmentInput,
  CreateHospitalInput,
  UpdateDepartmentInput,
  UpdateHospitalInput,
} from './organisation.inputs.js';
import { mayAdmit, mayManageOrganisation, maySeeBeds } from './organisation.policy.js';

export interface DepartmentBedCounts {
  department: Department;
  total: number;
  available: number;
  occupied: number;
}

const UNIQUE_VIOLATION = '23505';

function isUnique(error: unknown, constraint?: string): boolean {
  const failure = error as { code?: string; constraint?: string };
  return failure.code === UNIQUE_VIOLATION && (!constraint || failure.constraint === constraint);
}

/** A stay ends at `at` (discharged, or moved from) by `by`; its bed goes to cleaning. */
function endStay(stay: Admission, bed: Bed, by: Admission['dischargedBy'], at: Date): void {
  stay.dischargedAt = at;
  stay.dischargedBy = by;
  bed.status = BedStatus.CLEANING;
}

/** A code from a name: its capital initials or first letters, e.g. "City General Hospital" → "CGH". */
export function codeFromName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]/g, '')
    .split(/\s+/)
    .filter(Boolean);
  const initials = words.map((word) => word[0]!.toUpperCase()).join('');
  const code = initials.length >= 2 ? initials : (words[0] ?? 'HOSP').toUpperCase();
  return code.slice(0, 8).padEnd(2, 'X');
}

/** Hospitals, departments, beds and admissions: each change in one transaction. */
export class OrganisationService {
  constructor(private readonly ctx: Context) {}

  requireManager(): void {
    this.ctx.access.requireUser();
    if (!mayManageOrganisation(this.ctx.access.actor)) {
      throw forbidden('Only administrators manage hospitals, departments and beds.');
    }
  }

  /**
   * Runs `work` in one transaction; a name another hospital (or department of the hospital) has
   * taken is CONFLICT `NAME_TAKEN` with `taken`.
   */
  private async uniquelyNamed<T>(taken: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.ctx.em.transactional(work);
    } catch (error) {
      if (isUnique(error)) {
        throw conflict(taken, 'NAME_TAKEN');
      }
      throw error;
    }
  }

  requireBedReader(): void {
    this.ctx.access.requireUser();
    if (!maySeeBeds(this.ctx.access.actor)) {
      throw forbidden('Beds are for staff.');
    }
  }

  async createHospital(input: CreateHospitalInput): Promise<Hospital> {
    this.requireManager();
    const problems: FieldProblem[] = [];
    if (!isValidZone(input.timezone)) {
      problems.push({ field: 'input.timezone', message: NOT_A_ZONE });
    }
    let currency = 'EUR';
    try {
      currency = input.currency ? requireCurrency(input.currency, 'input.currency') : 'EUR';
    } catch {
      problems.push({ field: 'input.currency', message: 'must be an ISO-4217 currency code such as EUR' });
    }
    if (problems.length) {
      throw badInput(problems);
    }
    const name = input.name.trim();
    const code = input.code ?? codeFromName(name);
    try {
      return await this.ctx.em.transactional(async (tx) => {
        const hospital = tx.create(Hospital, {
          name,
          address: input.address?.trim() || undefined,
          timezone: input.timezone,
          code,
          currency,
        });
        this.ctx.audit.record(tx, { action: 'CREATE', entityType: 'Hospital', entityId: hospital.id });
        await tx.flush();
        return hospital;
      });
    } catch (error) {
      if (isUnique(error, 'hospital_code_unique')) {
        throw badInput([{ field: 'input.code', message: `"${code}" is taken by another hospital: choose a code` }]);
      }
      if (isUnique(error)) {
        throw conflict('A hospital with this name already exists.', 'NAME_TAKEN');
      }
      throw error;
    }
  }

  /** A hospital's name, address or time zone corrected; its invoice prefix and currency stay. */
  async updateHospital(idInput: string, input: UpdateHospitalInput): Promise<Hospital> {
    this.requireManager();
    const id = requireId(idInput, 'id');
    if (input.timezone !== undefined && input.timezone !== null && !isValidZone(input.timezone)) {
      throw badInput([{ field: 'input.timezone', message: NOT_A_ZONE }]);
    }
    return this.uniquelyNamed('A hospital with this name already exists.', async (tx) => {
      const hospital = await tx.findOne(Hospital, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!hospital) {
        throw notFound('Hospital');
      }
      if (input.name !== undefined && input.name !== null) {
        hospital.name = input.name.trim();
      }
      if (input.address !== undefined) {
        hospital.address = input.address?.trim() || undefined;
      }
      if (input.timezone !== undefined && input.timezone !== null) {
        hospital.timezone = input.timezone;
      }
      this.ctx.audit.record(tx, { action: 'UPDATE', entityType: 'Hospital', entityId: hospital.id });
      await tx.flush();
      return hospital;
    });
  }

  async createDepartment(input: CreateDepartmentInput): Promise<Department> {
    this.requireManager();
    const hospitalId = requireId(input.hospitalId, 'input.hospitalId');
    return this.uniquelyNamed('This hospital already has a department of that name.', async (tx) => {
      if (!(await tx.count(Hospital, hospitalId))) {
        throw badInput([{ field: 'input.hospitalId', message: 'is not a hospital' }]);
      }
      const department = tx.create(Department, {
        hospital: tx.getReference(Hospital, hospitalId),
        name: input.name.trim(),
      });
      this.ctx.audit.record(tx, { action: 'CREATE', entityType: 'Department', entityId: department.id });
      await tx.flush();
      return department;
    });
  }

  /** A department renamed (its doctors, beds and stays stay with it). */
  async updateDepartment(idInput: string, input: UpdateDepartmentInput): Promise<Department> {
    this.requireManager();
    const id = requireId(idInput, 'id');
    return this.uniquelyNamed('This hospital already has a department of that name.', async (tx) => {
      const department = await tx.findOne(Department, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!department) {
        throw notFound('Department');
      }
      department.name = input.name.trim();
      this.ctx.audit.record(tx, { action: 'UPDATE', entityType: 'Department', entityId: department.id });
      await tx.flush();
      return department;
    });
  }

  async createBed(input: CreateBedInput): Promise<Bed> {
    this.requireManager();
    const departmentId = requireId(input.departmentId, 'input.departmentId');
    try {
      return await this.ctx.em.transactional(async (tx) => {
        const department = await tx.findOne(Department, departmentId);
        if (!department) {
          throw badInput([{ field: 'input.departmentId', message: 'is not a department' }]);
        }
        const bed = tx.create(Bed, { department, ward: input.ward.trim(), label: input.label.trim() });
        this.ctx.audit.record(tx, { action: 'CREATE', entityType: 'Bed', entityId: bed.id });
        await tx.flush();
        await publishBedChange(tx, department.hospital.id);
        return bed;
      });
    } catch (error) {
      if (isUnique(error)) {
        throw conflict('This ward already has a bed with that label.', 'LABEL_TAKEN');
      }
      throw error;
    }
  }

  /** Cleaning done, out of service, back in service. OCCUPIED comes only from an admission. */
  async setBedStatus(idInput: string, status: BedStatus): Promise<Bed> {
    this.requireManager();
    const id = requireId(idInput, 'id');
    if (status === BedStatus.OCCUPIED) {
      throw badInput([{ field: 'status', message: 'OCCUPIED is set by admitting a patient' }]);
    }
    return this.ctx.em.transactional(async (tx) => {
      const bed = await tx.findOne(Bed, id, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['department'] });
      if (!bed) {
        throw notFound('Bed');
      }
      if (bed.status === BedStatus.OCCUPIED) {
        throw conflict('The bed is occupied: discharge the patient first.', 'BED_OCCUPIED');
      }
      bed.status = status;
      this.ctx.audit.record(tx, { action: `BED_${status}`, entityType: 'Bed', entityId: bed.id });
      await tx.flush();
      await publishBedChange(tx, bed.department.getEntity().hospital.id);
      return bed;
    });
  }

  async admit(input: AdmitPatientInput): Promise<Admission> {
    const actor = this.ctx.access.requireUser();
    const patientId = requireId(input.patientId, 'input.patientId');
    const bedId = requireId(input.bedId, 'input.bedId');
    const access = await this.ctx.access.chart(patientId);
    if (!mayAdmit(actor, access.relation)) {
      throw forbidden('Only an administrator or a doctor caring for the patient may admit them.');
    }
    try {
      return await this.ctx.em.transactional(async (tx) => {
        const patient = await tx.findOne(Patient, patientId);
        if (!patient) {
          throw badInput([{ field: 'input.patientId', message: 'is not a patient' }]);
        }
        // The lock makes racing admissions take turns; the unique index is the last word.
        const bed = await tx.findOne(Bed, bedId, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['department'] });
        if (!bed) {
          throw badInput([{ field: 'input.bedId', message: 'is not a bed' }]);
        }
        if (bed.status !== BedStatus.AVAILABLE) {
          throw conflict(`The bed is ${bed.status}, not available.`, 'BED_NOT_AVAILABLE');
        }
        const admission = tx.create(Admission, {
          patient,
          bed,
          reason: input.reason?.trim() || undefined,
          admittedBy: tx.getReference(User, actor.userId),
        });
        bed.status = BedStatus.OCCUPIED;
        this.ctx.audit.record(tx, {
          action: 'CREATE',
          entityType: 'Admission',
          entityId: admission.id,
          patientId,
          ...auditFieldsOf(access),
        });
        await tx.flush();
        await publishBedChange(tx, bed.department.getEntity().hospital.id);
        return admission;
      });
    } catch (error) {
      if (isUnique(error, 'admission_one_open_per_bed')) {
        throw conflict('The bed has just been taken.', 'BED_NOT_AVAILABLE');
      }
      if (isUnique(error, 'admission_one_open_per_patient')) {
        throw conflict('The patient is already admitted.', 'ALREADY_ADMITTED');
      }
      throw error;
    }
  }

  async discharge(admissionIdInput: string): Promise<Admission> {
    const actor = this.ctx.access.requireUser();
    const id = requireId(admissionIdInput, 'admissionId');
    const known = await this.accessToStay(id);
    return this.ctx.em.transactional(async (tx) => {
      const { stay: admission, access } = await this.lockOpenStay(tx, id, actor, known, 'discharge');
      const bed = await tx.findOneOrFail(Bed, admission.bed.id, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
        populate: ['department'],
      });
      endStay(admission, bed, tx.getReference(User, actor.userId, { wrapped: true }), new Date());
      this.ctx.audit.record(tx, {
        action: 'DISCHARGE',
        entityType: 'Admission',
        entityId: admission.id,
        patientId: admission.patient.id,
        ...auditFieldsOf(access),
      });
      await tx.flush();
      await publishBedChange(tx, bed.department.getEntity().hospital.id);
      return admission;
    });
  }

  /**
   * How the caller stands to the patient of stay `id` (undefined when there is none), looked up
   * before a transaction holds a connection (the facts do not change within it).
   */
  private async accessToStay(id: string): Promise<ChartAccess | undefined> {
    const known = await this.ctx.em.fork().findOne(Admission, id);
    return known ? this.ctx.access.chart(known.patient.id) : undefined;
  }

  /**
   * Stay `id`, locked and still open, which the caller may end (`doing`: "discharge", "move"),
   * with the caller's access to its patient: the same FORBIDDEN whether or not it exists.
   */
  private async lockOpenStay(
    tx: EntityManager,
    id: string,
    actor: UserActor,
    access: ChartAccess | undefined,
    doing: string,
  ): Promise<{ stay: Admission; access: ChartAccess }> {
    const stay = await tx.findOne(Admission, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!stay || !access || !mayAdmit(actor, access.relation)) {
      throw forbidden(`Only an administrator or a doctor caring for the patient may ${doing} them.`);
    }
    if (stay.dischargedAt) {
      throw conflict('The patient has already been discharged.', 'ALREADY_DISCHARGED');
    }
    return { stay, access };
  }

  /**
   * Moves an admitted patient to an AVAILABLE bed of the same hospital: their stay in the old bed
   * ends now (the bed goes to CLEANING) and one in the new bed begins (OCCUPIED), with the same
   * reason, the old one naming the new (`movedTo`) — each bed's days counted where they were. Both
   * beds are locked in one order, so two moves at once take turns; another hospital admits anew.
   */
  async transfer(admissionIdInput: string, bedIdInput: string): Promise<Admission> {
    const actor = this.ctx.access.requireUser();
    const id = requireId(admissionIdInput, 'admissionId');
    const bedId = requireId(bedIdInput, 'bedId');
    const known = await this.accessToStay(id);
    try {
      return await this.ctx.em.transactional(async (tx) => {
        const { stay, access } = await this.lockOpenStay(tx, id, actor, known, 'move');
        if (stay.bed.id === bedId) {
          throw badInput([{ field: 'bedId', message: 'is the bed the patient is in' }]);
        }
        // In id order, whichever bed is whose: two moves between the same beds cannot deadlock.
        const beds = await tx.find(
          Bed,
          { id: { $in: [stay.bed.id, bedId] } },
          { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['department'], orderBy: { id: 'asc' } },
        );
        const from = beds.find((bed) => bed.id === stay.bed.id)!;
        const to = beds.find((bed) => bed.id === bedId);
        if (!to) {
          throw badInput([{ field: 'bedId', message: 'is not a bed' }]);
        }
        const hospitalId = from.department.getEntity().hospital.id;
        if (to.department.getEntity().hospital.id !== hospitalId) {
          throw badInput([
            {
              field: 'bedId',
              message: 'must be a bed of the same hospital (another hospital admits the patient anew)',
            },
          ]);
        }
        if (to.status !== BedStatus.AVAILABLE) {
          throw conflict(`The bed is ${to.status}, not available.`, 'BED_NOT_AVAILABLE');
        }
        const now = new Date();
        endStay(stay, from, tx.getReference(User, actor.userId, { wrapped: true }), now);
        // The old stay ends before the new one begins: one open stay per patient, per bed.
        await tx.flush();
        const next = tx.create(Admission, {
          patient: stay.patient,
          bed: to,
          admittedAt: now,
          reason: stay.reason,
          admittedBy: tx.getReference(User, actor.userId),
        });
        to.status = BedStatus.OCCUPIED;
        stay.movedTo = ref(next);
        this.ctx.audit.record(tx, {
          action: 'TRANSFER',
          entityType: 'Admission',
          entityId: next.id,
          patientId: stay.patient.id,
          ...auditFieldsOf(access),
        });
        await tx.flush();
        await publishBedChange(tx, hospitalId);
        return next;
      });
    } catch (error) {
      if (isUnique(error, 'admission_one_open_per_bed')) {
        throw conflict('The bed has just been taken.', 'BED_NOT_AVAILABLE');
      }
      throw error;
    }
  }

  /**
   * Beds per department of a hospital, counted, with the departments themselves (read rows): one
   * part of the request's round trip.
   */
  async availability(em: EntityManager, hospitalId: string): Promise<DepartmentBedCounts[]> {
    const rows = await readTrip(em).load({
      sql: `select d.*,
                   count(b.id)::int as beds_total__,
                   (count(b.id) filter (where b.status = 'AVAILABLE'))::int as beds_available__,
                   (count(b.id) filter (where b.status = 'OCCUPIED'))::int as beds_occupied__
              from department d left join bed b on b.department_id = d.id
             where d.hospital_id = $1::uuid
             group by d.id`,
      params: [hospitalId],
      order: 'p.name, p.id',
    });
    const reader = rowReader(em, Department);
    return rows.map((row) => ({
      department: readRow(em, reader, row),
      total: row['beds_total__'] as number,
      available: row['beds_available__'] as number,
      occupied: row['beds_occupied__'] as number,
    }));
  }
}
