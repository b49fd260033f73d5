import { faker } from '@faker-js/faker';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppointmentStatus } from '../../modules/appointments/appointment-status.js';
import type { Appointment } from '../../modules/appointments/appointment.entity.js';
import { interpret } from '../../modules/labs/lab-interpretation.js';
import { LabOrder, LabOrderStatus } from '../../modules/labs/lab-order.entity.js';
import { LabResult, type LabInterpretation } from '../../modules/labs/lab-result.entity.js';
import { catalogueTest, testsOrdered } from '../../modules/labs/loinc-catalogue.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Its own seed, so the lab data does not shift the rest of the demo clinic. */
const LAB_SEED = 20_261_201;

const CBC = ['58410-2'];
const METABOLIC = ['24323-8'];
const LIPIDS = ['57698-3'];
const DIABETES = ['4548-4', '2345-7'];
const THYROID = ['3016-3'];
const INFLAMMATION = ['1988-5', '58410-2'];
const COVID = ['94500-6'];

/** What a doctor of each specialty orders (a dermatologist no lipid panel, a cardiologist no swab). */
const ORDER_SETS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'General Practice': [CBC, METABOLIC, LIPIDS, DIABETES, THYROID, INFLAMMATION, COVID],
  Cardiology: [LIPIDS, METABOLIC, CBC],
  Dermatology: [CBC, INFLAMMATION],
  Pediatrics: [CBC, INFLAMMATION, COVID],
  Orthopedics: [INFLAMMATION, CBC],
  Neurology: [CBC, THYROID, METABOLIC],
  Endocrinology: [DIABETES, THYROID, LIPIDS, METABOLIC],
  Gastroenterology: [METABOLIC, CBC, INFLAMMATION],
  Psychiatry: [THYROID, CBC, METABOLIC],
  Ophthalmology: [DIABETES, LIPIDS],
  Otolaryngology: [CBC, INFLAMMATION, COVID],
  Pulmonology: [CBC, INFLAMMATION, COVID],
  'Obstetrics and Gynecology': [CBC, THYROID, DIABETES],
  Rheumatology: [INFLAMMATION, METABOLIC],
};

/**
 * The demo patient's HbA1c and fasting glucose, oldest first, one a quarter (HbA1c follows the
 * last three months, so it is not repeated sooner): falling since metformin was started, at target
 * (under 7 %) by the latest.
 */
const DEMO_SERIES: readonly (readonly [hba1c: string, glucose: string])[] = [
  ['8.2', '168'],
  ['7.8', '152'],
  ['7.4', '139'],
  ['7.1', '128'],
  ['6.8', '121'],
];
const QUARTER_DAYS = 91;
/** How long after its results a demo order has been reviewed by its doctor: older ones have. */
const REVIEWED_AFTER_MS = 4 * DAY;
/** Who follows the demo patient's diabetes, in order of preference. */
export const DIABETES_CARE = ['Endocrinology', 'General Practice'];

function plausibleValue(code: string): string {
  const test = catalogueTest(code)!;
  if (test.kind === 'coded') {
    return faker.number.float() < 0.85 ? test.normalValues[0]! : 'Detected';
  }
  // Now and then a critical value, so the demo shows how one stands out.
  if (test.criticalHigh !== null && faker.number.float() < 0.03) {
    return String(test.criticalHigh + (test.criticalHigh >= 100 ? 20 : 0.6));
  }
  const low = test.referenceLow ?? (test.referenceHigh ?? 1) * 0.4;
  const high = test.referenceHigh ?? low * 2.2;
  const span = high - low;
  // Most results in range; some a little outside it.
  const value = faker.number.float({ min: low - span * 0.25, max: high + span * 0.3 });
  const digits = span < 5 ? 1 : 0;
  return Math.max(value, 0).toFixed(digits);
}

export interface DemoLabCounts {
  labOrders: number;
  labResults: number;
}

/**
 * Lab orders for about one completed visit in six, of tests its doctor's specialty orders
 * (resulted, a few still waiting or cancelled), and for the demo patient a year of quarterly HbA1c
 * and glucose results, so the trend chart has something to draw on a fresh start.
 */
export function seedLabs(
  tx: EntityManager,
  appointments: readonly Appointment[],
  demoPatientId: string | undefined,
  now: Date,
): DemoLabCounts {
  faker.seed(LAB_SEED);
  let labOrders = 0;
  let labResults = 0;
  /**
   * An order of `codes` at the end of `appointment` (or, given `at`, between visits: by the same
   * doctor, `at` before it), collected an hour on and resulted a day on.
   */
  const place = (
    appointment: Appointment,
    codes: readonly string[],
    values?: Record<string, string>,
    daysBefore = 0,
  ) => {
    const end = appointment.endsAt.getTime() - daysBefore * DAY;
    const orderedAt = new Date(end - 10 * 60_000);
    const collectedAt = new Date(end + HOUR);
    const resultedAt = new Date(end + DAY);
    const waiting = resultedAt > now;
    const cancelled = !waiting && !values && faker.number.float() < 0.04;
    const { tests } = testsOrdered(codes);
    const order = tx.create(LabOrder, {
      patient: appointment.patient,
      doctor: appointment.doctor,
      appointment: daysBefore === 0 ? appointment : undefined,
      tests: tests.map((test) => ({ code: test.code, name: test.name })),
      status: cancelled
        ? LabOrderStatus.CANCELLED
        : waiting
          ? collectedAt > now
            ? LabOrderStatus.ORDERED
            : LabOrderStatus.COLLECTED
          : LabOrderStatus.RESULTED,
      orderedAt,
      collectedAt: !cancelled && collectedAt <= now ? collectedAt : null,
      resultedAt: waiting || cancelled ? null : resultedAt,
      cancelledAt: cancelled ? collectedAt : null,
      cancelReason: cancelled ? 'Sample haemolysed; to be repeated at the next visit' : null,
      // Reviewed by the ordering doctor a day after, but the last four days' results still wait.
      ...(!waiting && !cancelled && resultedAt.getTime() + REVIEWED_AFTER_MS <= now.getTime()
        ? { reviewedAt: new Date(resultedAt.getTime() + DAY), reviewedBy: appointment.doctor.getEntity().user }
        : {}),
      createdAt: orderedAt,
      updatedAt: waiting ? orderedAt : resultedAt,
    });
    labOrders += 1;
    if (waiting || cancelled) {
      return;
    }
    for (const test of tests) {
      const value = values?.[test.code] ?? plausibleValue(test.code);
      const reading = interpret(test, value);
      if (!reading.ok) {
        continue;
      }
      tx.create(LabResult, {
        order,
        code: test.code,
        name: test.name,
        value,
        numericValue: reading.numeric,
        unit: test.kind === 'numeric' ? test.unit : null,
        referenceLow: test.kind === 'numeric' ? test.referenceLow : null,
        referenceHigh: test.kind === 'numeric' ? test.referenceHigh : null,
        interpretation: reading.interpretation as LabInterpretation,
        resultedAt,
        version: 1,
        createdAt: resultedAt,
        updatedAt: resultedAt,
      });
      labResults += 1;
    }
  };

  const completed = appointments
    .filter((appointment) => appointment.status === AppointmentStatus.COMPLETED)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  // The demo patient's series: the latest at their last diabetes review, the others a quarter apart
  // before it, ordered by the same doctor between visits.
  const demoVisits = completed.filter((appointment) => appointment.patient.id === demoPatientId);
  const review = DIABETES_CARE.map((specialty) =>
    demoVisits.findLast((visit) => visit.doctor.getEntity().specialization === specialty),
  ).find((visit) => visit !== undefined);
  if (review) {
    DEMO_SERIES.forEach(([hba1c, glucose], index) => {
      const quartersBefore = DEMO_SERIES.length - 1 - index;
      place(review, DIABETES, { '4548-4': hba1c, '2345-7': glucose }, quartersBefore * QUARTER_DAYS);
    });
  }
  for (const appointment of completed) {
    if (appointment.patient.id !== demoPatientId && faker.number.float() < 0.16) {
      const sets = ORDER_SETS[appointment.doctor.getEntity().specialization] ?? [CBC];
      place(appointment, faker.helpers.arrayElement(sets));
    }
  }
  return { labOrders, labResults };
}
