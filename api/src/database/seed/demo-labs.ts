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

/** What a doctor orders, and a plausible value for each test (mostly in range, now and then not). */
const ORDER_SETS: readonly string[][] = [
  ['58410-2'],
  ['24323-8'],
  ['57698-3'],
  ['4548-4', '2345-7'],
  ['3016-3'],
  ['1988-5', '58410-2'],
  ['94500-6'],
];

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
 * Lab orders for about one completed visit in six (resulted, a few still waiting or cancelled),
 * and for the demo patient a series of HbA1c and glucose results over the window, so the trend
 * chart has something to draw on a fresh start.
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
  const place = (appointment: Appointment, codes: readonly string[], values?: Record<string, string>) => {
    const orderedAt = new Date(appointment.endsAt.getTime() - 10 * 60_000);
    const collectedAt = new Date(appointment.endsAt.getTime() + HOUR);
    const resultedAt = new Date(appointment.endsAt.getTime() + DAY);
    const waiting = resultedAt > now;
    const cancelled = !waiting && !values && faker.number.float() < 0.04;
    const { tests } = testsOrdered(codes);
    const order = tx.create(LabOrder, {
      patient: appointment.patient,
      doctor: appointment.doctor,
      appointment,
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
  const demoVisits = completed.filter((appointment) => appointment.patient.id === demoPatientId);
  // The demo patient's HbA1c and glucose, improving over the window.
  const series = [
    ['7.4', '142'],
    ['7.0', '131'],
    ['6.6', '118'],
    ['6.1', '104'],
    ['5.8', '96'],
  ];
  demoVisits.slice(-series.length).forEach((visit, index, visits) => {
    const [hba1c, glucose] = series[series.length - visits.length + index]!;
    place(visit, ['4548-4', '2345-7'], { '4548-4': hba1c!, '2345-7': glucose! });
  });
  for (const appointment of completed) {
    if (appointment.patient.id !== demoPatientId && faker.number.float() < 0.16) {
      place(appointment, faker.helpers.arrayElement(ORDER_SETS));
    }
  }
  return { labOrders, labResults };
}
