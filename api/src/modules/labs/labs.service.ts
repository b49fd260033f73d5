import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../server/context.js';
import { badInput, conflict, forbidden, type FieldProblem } from '../../shared/errors.js';
import { requireId } from '../../shared/ids.js';
import { readTrip } from '../../shared/one-trip.js';
import { readRow, rowReader } from '../../shared/read-rows.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { assertLinkableVisit } from '../appointments/visit-link.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { auditFieldsOf, type ChartAccess } from '../identity/access-control.js';
import { careBetween, doctorIsAwaySql, doctorOnTimeOffSql, mayOpenChartBetween } from '../identity/care-rule.js';
import { User } from '../identity/user.entity.js';
import { notifyLabResults } from '../notifications/lab-notices.js';
import { Patient } from '../patients/patient.entity.js';
import { interpret, isCritical } from './lab-interpretation.js';
import { LabOrder, LabOrderStatus } from './lab-order.entity.js';
import {
  mayActOnLabOrder,
  mayListResultsToReview,
  mayTransition,
  STATUS_AFTER,
  type LabOrderAction,
} from './lab-order.policy.js';
import { type LabInterpretation, LabResult } from './lab-result.entity.js';
import type { LabResultInput, OrderLabTestsInput } from './labs.inputs.js';
import { catalogueTest, testsOrdered } from './loinc-catalogue.js';

const NOT_YOURS = 'Only the doctor who ordered these tests, or a laboratory the patient shares with, may do this.';
const MAX_RESULTS = 100;
export const CANCEL_REASON_MIN = 3;
export const CANCEL_REASON_MAX = 500;
/** The most orders `labResultsToReview` lists: a doctor with more has a backlog, not a worklist. */
export const TO_REVIEW_AT_MOST = 100;

/**
 * The resulted orders (as `o`) waiting for the review of the doctor bound as `$1`: theirs, and those
 * of a doctor who is away (has left, or is on time off now), of patients whose chart they may open
 * (they care for them, or hold an emergency grant): their results would otherwise wait unseen.
 */
const TO_REVIEW_BY = (o: string): string =>
  `${o}.status = 'RESULTED' and ${o}.reviewed_at is null
   and (${o}.doctor_id = $1::uuid or (${doctorIsAwaySql(`${o}.doctor_id`)} and ${mayOpenChartBetween('$1::uuid', `${o}.patient_id`)}))`;

/**
 * The doctors at work (active, not on time off) besides the one who placed `order`, who could
 * review its results while that doctor is away: those caring for the patient (`cares`), and the
 * ordering doctor's department colleagues. One statement.
 */
async function colleaguesAtWork(
  tx: EntityManager,
  order: LabOrder,
): Promise<{ readonly user_id: string; readonly cares: boolean }[]> {
  return tx.getConnection().execute(
    `select u.id as user_id, ${careBetween('d.id', 'x.patient_id')} as cares
       from doctor d join app_user u on u.id = d.user_id,
            (select ?::uuid as doctor_id, ?::uuid as patient_id) x
      where u.active and d.id <> x.doctor_id and not ${doctorOnTimeOffSql('d.id')}
        and (${careBetween('d.id', 'x.patient_id')}
             or d.department_id = (select department_id from doctor where id = x.doctor_id))
      order by u.id`,
    [order.doctor.id, order.patient.id],
  );
}

function optionalText(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A result checked against the catalogue, ready to store. */
interface CheckedResult {
  readonly code: string;
  readonly name: string;
  readonly value: string;
  readonly numericValue: number | null;
  readonly unit: string | null;
  readonly referenceLow: number | null;
  readonly referenceHigh: number | null;
  readonly interpretation: LabInterpretation;
}

/**
 * Lab orders: ordered by a doctor caring for the patient from the LOINC catalogue; moved along
 * the lifecycle table (lab-order.policy.ts); results recorded by the ordering doctor or a lab's
 * API client, interpreted here from the catalogue ranges, never overwritten. Audit rows and
 * notifications name ids only, never a test or a value.
 */
export class LabService {
  constructor(private readonly ctx: Context) {}

  async order(input: OrderLabTestsInput): Promise<LabOrder> {
    const actor = this.ctx.access.requireUser();
    const patientId = requireId(input.patientId, 'input.patientId');
    const access = await this.ctx.access.assertClinicalWrite(patientId);
    const doctorId = actor.doctorId;
    if (!doctorId) {
      throw forbidden('Only a doctor caring for this patient may order tests.');
    }
    const problems: FieldProblem[] = [];
    input.tests.forEach((test, index) => {
      if (testsOrdered([test.code]).unknown.length > 0) {
        problems.push({ field: `input.tests.${index}.code`, message: 'must be a test or panel of the lab catalogue' });
      }
    });
    if (problems.length > 0) {
      throw badInput(problems);
    }
    const { tests } = testsOrdered(input.tests.map((test) => test.code));
    const appointmentId =
      input.appointmentId === null || input.appointmentId === undefined
        ? undefined
        : requireId(input.appointmentId, 'input.appointmentId');

    return this.ctx.em.transactional(
      async (tx) => {
        if (appointmentId) {
          await assertLinkableVisit(tx, { appointmentId, patientId, doctorId }, 'input.appointmentId');
        }
        const order = tx.create(LabOrder, {
          patient: tx.getReference(Patient, patientId),
          doctor: tx.getReference(Doctor, doctorId),
          appointment: appointmentId ? tx.getReference(Appointment, appointmentId) : undefined,
          tests: tests.map((test) => ({ code: test.code, name: test.name })),
          notes: optionalText(input.notes),
        });
        this.audit(tx, 'CREATE', order, patientId, access);
        return Promise.resolve(order);
      },
      { clear: true },
    );
  }

  async collect(orderIdInput: string): Promise<LabOrder> {
    return this.move(orderIdInput, 'collect', (order) => {
      order.collectedAt = new Date();
    });
  }

  async cancel(orderIdInput: string, reasonInput: string): Promise<LabOrder> {
    const reason = reasonInput.trim();
    if (reason.length < CANCEL_REASON_MIN || reason.length > CANCEL_REASON_MAX) {
      throw badInput([
        { field: 'reason', message: `must say why, in ${CANCEL_REASON_MIN} to ${CANCEL_REASON_MAX} characters` },
      ]);
    }
    return this.move(orderIdInput, 'cancel', (order, tx) => {
      const actor = this.ctx.access.requireUser();
      order.cancelledAt = new Date();
      order.cancelReason = reason;
      order.cancelledBy = tx.getReference(User, actor.userId, { wrapped: true });
    });
  }

  async record(orderIdInput: string, inputs: readonly LabResultInput[]): Promise<LabOrder> {
    const orderId = requireId(orderIdInput, 'orderId');
    if (inputs.length === 0) {
      throw badInput([{ field: 'results', message: 'must list at least one result' }]);
    }
    if (inputs.length > MAX_RESULTS) {
      throw badInput([{ field: 'results', message: `must list at most ${MAX_RESULTS} results` }]);
    }
    return this.ctx.em.transactional(
      async (tx) => {
        const { order, access } = await this.lockForAction(tx, orderId, 'result');
        const checked = checkResults(order, inputs);
        const now = new Date();
        const current = await tx.find(LabResult, { order: order.id, supersededAt: null });
        const currentByCode = new Map(current.map((result) => [result.code, result]));
        let changed = 0;
        // Critical among the results written now: one sent again with a change elsewhere is not new.
        let critical = false;
        for (const result of checked) {
          const earlier = currentByCode.get(result.code);
          if (earlier && earlier.value === result.value && earlier.unit === result.unit) {
            // The same result sent again (a retry): nothing new to record.
            continue;
          }
          if (earlier) {
            earlier.supersededAt = now;
          }
          const actor = this.ctx.access.actor;
          tx.create(LabResult, {
            order,
            ...result,
            resultedAt: now,
            version: (earlier?.version ?? 0) + 1,
            recordedByUserId: actor.kind === 'user' ? actor.userId : null,
            recordedByClientId: actor.kind === 'partner' ? actor.clientId : null,
          });
          changed += 1;
          critical ||= isCritical(result.interpretation);
        }
        if (changed === 0) {
          return order;
        }
        const corrected = order.status === LabOrderStatus.RESULTED;
        order.status = LabOrderStatus.RESULTED;
        order.resultedAt = now;
        // New or corrected results are the ordering doctor's to review (again).
        order.reviewedAt = null;
        order.reviewedBy = null;
        this.audit(tx, corrected ? 'CORRECT_RESULTS' : 'RESULT', order, order.patient.id, access);
        // Flushed first: the notification rows are inserted directly and must follow the results.
        await tx.flush();
        // Who reviews them: the ordering doctor, and the patient's other doctors at work while the
        // ordering doctor is away (they alone once the ordering doctor has left); with none of them
        // at work, the ordering doctor's department colleagues at work (by emergency access); with
        // no one there either, the administrators are told to find a doctor at work.
        const [people] = await tx.getConnection().execute<
          {
            patient_user_id: string;
            first_name: string;
            last_name: string;
            orderer_user_id: string | null;
            orderer_on_time_off: boolean;
            orderer_first_name: string;
            orderer_last_name: string;
            department_name: string;
          }[]
        >(
          `select p.user_id as patient_user_id, p.first_name, p.last_name,
                  (select u.id from app_user u where u.id = o.user_id and u.active) as orderer_user_id,
                  ${doctorOnTimeOffSql('o.id')} as orderer_on_time_off,
                  o.first_name as orderer_first_name, o.last_name as orderer_last_name, dep.name as department_name
           from patient p, doctor o join department dep on dep.id = o.department_id where o.id = ? and p.id = ?`,
          [order.doctor.id, order.patient.id],
        );
        if (people) {
          const ordererAway = people.orderer_user_id === null ? 'LEFT' : people.orderer_on_time_off ? 'TIME_OFF' : null;
          // Only a critical result is told to doctors: their colleagues are asked for only then.
          const colleagues = critical && ordererAway !== null ? await colleaguesAtWork(tx, order) : [];
          await notifyLabResults(tx, {
            labOrderId: order.id,
            patientUserId: people.patient_user_id,
            ordererUserId: people.orderer_user_id,
            ordererAway,
            coveringUserIds: colleagues.filter((colleague) => colleague.cares).map((colleague) => colleague.user_id),
            departmentUserIds: colleagues.filter((colleague) => !colleague.cares).map((colleague) => colleague.user_id),
            ordererName: `${people.orderer_first_name} ${people.orderer_last_name}`,
            departmentName: people.department_name,
            patientId: order.patient.id,
            patientName: `${people.first_name} ${people.last_name}`,
            critical,
          });
        }
        return order;
      },
      { clear: true },
    );
  }

  /**
   * The ordering doctor has seen the order's results: it leaves their results to review. Marking
   * it again changes nothing (the first review stands, audited once).
   */
  async review(orderIdInput: string): Promise<LabOrder> {
    const orderId = requireId(orderIdInput, 'orderId');
    return this.ctx.em.transactional(
      async (tx) => {
        const { order, access } = await this.lockForAction(tx, orderId, 'review');
        if (!order.reviewedAt) {
          order.reviewedAt = new Date();
          order.reviewedBy = tx.getReference(User, this.ctx.access.requireUser().userId, { wrapped: true });
          this.audit(tx, 'REVIEW', order, order.patient.id, access);
        }
        return order;
      },
      { clear: true },
    );
  }

  /**
   * The caller's (a doctor's) resulted orders whose results they have not marked reviewed: those
   * with a critical result first, then the longest waiting; at most {@link TO_REVIEW_AT_MOST}.
   */
  async toReview(): Promise<LabOrder[]> {
    const doctorId = this.reviewer();
    const rows = await readTrip(this.ctx.em).load({
      sql: `select o.*, exists (select 1 from lab_result r where r.order_id = o.id and r.superseded_at is null
                                  and r.interpretation in ('CRITICAL_LOW', 'CRITICAL_HIGH')) as critical
            from lab_order o
            where ${TO_REVIEW_BY('o')}
            order by critical desc, o.resulted_at, o.id limit ${TO_REVIEW_AT_MOST}`,
      params: [doctorId],
      order: 'p.critical desc, p.resulted_at, p.id',
    });
    const reader = rowReader(this.ctx.em, LabOrder);
    return rows.map((row) => readRow(this.ctx.em, reader, row));
  }

  /**
   * How many of the caller's (a doctor's) resulted orders wait for their review, all of them (the
   * list stops at {@link TO_REVIEW_AT_MOST}): a count of their own orders, no chart content read.
   */
  async toReviewCount(): Promise<number> {
    const doctorId = this.reviewer();
    const [row] = await readTrip(this.ctx.em).load({
      sql: `select count(*)::int as n from lab_order o where ${TO_REVIEW_BY('o')}`,
      params: [doctorId],
    });
    return row!['n'] as number;
  }

  /** The caller's doctor id, when they may have results to review. */
  private reviewer(): string {
    const actor = this.ctx.access.requireUser();
    if (!mayListResultsToReview(actor)) {
      throw forbidden('Results to review are the ordering doctors’.');
    }
    return actor.doctorId;
  }

  private move(
    orderIdInput: string,
    action: Exclude<LabOrderAction, 'result'>,
    apply: (order: LabOrder, tx: EntityManager) => void,
  ): Promise<LabOrder> {
    const orderId = requireId(orderIdInput, 'orderId');
    return this.ctx.em.transactional(
      async (tx) => {
        const { order, access } = await this.lockForAction(tx, orderId, action);
        apply(order, tx);
        order.status = STATUS_AFTER[action] as LabOrderStatus;
        this.audit(tx, action.toUpperCase(), order, order.patient.id, access);
        return order;
      },
      { clear: true },
    );
  }

  /** The order, locked, once the caller may take `action` on it and its status allows it. */
  private async lockForAction(
    tx: EntityManager,
    orderId: string,
    action: LabOrderAction,
  ): Promise<{ order: LabOrder; access: ChartAccess }> {
    const actor = this.ctx.access.requireSignedIn();
    const order = await tx.findOne(LabOrder, orderId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    // The same answer whether the order does not exist or is not the caller's.
    if (!order) {
      throw forbidden(NOT_YOURS);
    }
    const patientId = order.patient.id;
    const shares = actor.kind === 'partner' && (await this.ctx.access.partnerMaySee(patientId));
    // Whether results of a doctor who is away are the actor's to review: asked only when it decides.
    const handedOver =
      action === 'review' && actor.kind === 'user' && actor.doctorId !== undefined && actor.doctorId !== order.doctor.id
        ? await this.handedOver(tx, order, actor.doctorId)
        : false;
    if (!mayActOnLabOrder(actor, action, { doctorId: order.doctor.id, handedOver }, shares)) {
      throw forbidden(NOT_YOURS);
    }
    if (!mayTransition(order.status, action)) {
      throw conflict(`This lab order is ${order.status}: it cannot be ${PAST[action]} now.`, 'LAB_ORDER_STATUS');
    }
    return { order, access: await this.ctx.access.chart(patientId) };
  }

  /** The facts of `handedOver` (lab-order.policy.ts): the ordering doctor is away, and `doctorId` may open the patient's chart. */
  private async handedOver(tx: EntityManager, order: LabOrder, doctorId: string): Promise<boolean> {
    const [row] = await tx.execute<{ handed_over: boolean }[]>(
      `select (${doctorIsAwaySql('orderer.id')} and ${mayOpenChartBetween('actor.doctor_id', 'actor.patient_id')}) as handed_over
         from (select ?::uuid as id) orderer, (select ?::uuid as doctor_id, ?::uuid as patient_id) actor`,
      [order.doctor.id, doctorId, order.patient.id],
    );
    return row?.handed_over === true;
  }

  private audit(tx: EntityManager, action: string, order: LabOrder, patientId: string, access: ChartAccess): void {
    this.ctx.audit.record(tx, {
      action,
      entityType: 'LabOrder',
      entityId: order.id,
      patientId,
      ...auditFieldsOf(access),
    });
  }
}

const PAST: Record<LabOrderAction, string> = {
  collect: 'collected',
  result: 'resulted',
  cancel: 'cancelled',
  review: 'marked reviewed',
};

/**
 * Each result against the order and the catalogue: a test of this order, once; a numeric value
 * as a plain decimal in the catalogue unit. The interpretation comes from the catalogue ranges.
 */
export function checkResults(order: LabOrder, inputs: readonly LabResultInput[]): CheckedResult[] {
  const problems: FieldProblem[] = [];
  const ordered = new Set(order.tests.map((test) => test.code));
  const seen = new Set<string>();
  const checked: CheckedResult[] = [];
  inputs.forEach((input, index) => {
    const path = `results.${index}`;
    const code = input.code.trim();
    const test = catalogueTest(code);
    if (!test || !ordered.has(code)) {
      problems.push({ field: `${path}.code`, message: 'must be a test of this order' });
      return;
    }
    if (seen.has(code)) {
      problems.push({ field: `${path}.code`, message: 'must appear once' });
      return;
    }
    seen.add(code);
    const unit = optionalText(input.unit);
    if (test.kind === 'numeric' && unit !== undefined && unit !== test.unit) {
      problems.push({ field: `${path}.unit`, message: `must be ${test.unit} (UCUM), the unit of this test` });
      return;
    }
    if (test.kind === 'coded' && unit !== undefined) {
      problems.push({ field: `${path}.unit`, message: 'must be left out: this test has a coded value' });
      return;
    }
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    if (/[\u0000-\u001F\u007F]/.test(input.value)) {
      problems.push({ field: `${path}.value`, message: 'must not contain control characters' });
      return;
    }
    const reading = interpret(test, input.value);
    if (!reading.ok) {
      problems.push({ field: `${path}.value`, message: reading.problem });
      return;
    }
    checked.push({
      code,
      name: test.name,
      value: input.value.trim(),
      numericValue: reading.numeric,
      unit: test.kind === 'numeric' ? test.unit : null,
      referenceLow: test.kind === 'numeric' ? test.referenceLow : null,
      referenceHigh: test.kind === 'numeric' ? test.referenceHigh : null,
      interpretation: reading.interpretation as LabInterpretation,
    });
  });
  if (problems.length > 0) {
    throw badInput(problems);
  }
  return checked;
}
