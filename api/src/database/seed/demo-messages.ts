import { faker } from '@faker-js/faker';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppointmentStatus } from '../../modules/appointments/appointment-status.js';
import type { Appointment } from '../../modules/appointments/appointment.entity.js';
import type { Doctor } from '../../modules/doctors/doctor.entity.js';
import { Message } from '../../modules/messages/message.entity.js';
import { MessageThread } from '../../modules/messages/message-thread.entity.js';
import type { Patient } from '../../modules/patients/patient.entity.js';

const HOUR = 3_600_000;
/** Its own seed, so the conversations do not shift the rest of the demo clinic. */
const MESSAGE_SEED = 20_261_205;
/** Conversations of the demo doctor (with patients in their care), and of the other doctors. */
const DEMO_DOCTOR_THREADS = 6;
const OTHER_THREADS = 24;

/** A conversation as patients and doctors write them: the subject, then the messages in turn from the patient. */
const CONVERSATIONS: readonly { subject: string; turns: readonly string[] }[] = [
  {
    subject: 'Question about my prescription',
    turns: [
      'Hello, should I take the ibuprofen with food? It upsets my stomach a little.',
      'Yes, always with food or a glass of milk. If it still bothers you, we can switch to something else.',
      'Thank you, with food it is much better.',
    ],
  },
  {
    subject: 'My blood test results',
    turns: [
      'I saw my results in the portal. One of them is marked above the normal range. Should I worry?',
      'It is only a little above the range and nothing urgent. We will check it again in three months and talk about it at your next visit.',
    ],
  },
  {
    subject: 'Moving my appointment',
    turns: [
      'I have to travel next week. Can I move my appointment?',
      'Of course. Please pick a new time in the portal; your current time is released when you do.',
      'Done, I booked the Thursday after. Thanks!',
    ],
  },
  {
    subject: 'Dizzy in the mornings',
    turns: [
      'Since I started the new tablets I feel dizzy in the mornings.',
      'Thank you for telling me. Take them in the evening instead and get up slowly. If it goes on for more than a few days, call the practice.',
    ],
  },
  {
    subject: 'Cough after my visit',
    turns: [
      'The cough is better, but it has not gone after a week.',
      'That is normal after a viral infection; it can last up to three weeks. Come back if you get a fever or feel short of breath.',
      'Good to know, I will wait and see.',
    ],
  },
  {
    subject: 'Repeat prescription',
    turns: [
      'My inhaler is almost empty. Could you issue a repeat prescription?',
      'I have issued it; you will find it under Prescriptions and can download it for the pharmacy.',
    ],
  },
  {
    subject: 'Exercise after the injury',
    turns: [
      'When can I start running again?',
      'Start with short walks this week. If there is no pain, try ten minutes of easy jogging next week and build up slowly.',
    ],
  },
];

export interface DemoMessageCounts {
  messageThreads: number;
  messages: number;
}

/**
 * Conversations between patients and the doctors who care for them (a visit that was not
 * cancelled): the demo doctor's inbox with a few waiting for an answer, the demo patient's with a
 * reply not yet read, and others across the clinic, so the Messages areas are not empty on a fresh
 * start.
 */
export function seedMessages(
  tx: EntityManager,
  appointments: readonly Appointment[],
  demo: { doctor: Doctor | undefined; patient: Patient | undefined },
  now: Date,
): DemoMessageCounts {
  faker.seed(MESSAGE_SEED);
  // Each patient–doctor pair in care, once (the order of the visits as the seed made them).
  const pairs = new Map<string, { patient: Patient; doctor: Doctor }>();
  for (const appointment of appointments) {
    if (appointment.status === AppointmentStatus.CANCELLED) {
      continue;
    }
    const patient = appointment.patient.getEntity();
    const doctor = appointment.doctor.getEntity();
    pairs.set(`${patient.id}|${doctor.id}`, { patient, doctor });
  }
  const all = [...pairs.values()];
  const demoPatientPairs = all.filter(({ patient }) => patient === demo.patient);
  // The demo patient with the demo doctor if in their care, else with one of their doctors.
  const demoPatientThread = demoPatientPairs.find(({ doctor }) => doctor === demo.doctor) ?? demoPatientPairs[0];
  const chosen = [
    ...(demoPatientThread ? [demoPatientThread] : []),
    ...faker.helpers.arrayElements(
      all.filter(({ doctor, patient }) => doctor === demo.doctor && patient !== demo.patient),
      DEMO_DOCTOR_THREADS,
    ),
    ...faker.helpers.arrayElements(
      all.filter(({ doctor, patient }) => doctor !== demo.doctor && patient !== demo.patient),
      OTHER_THREADS,
    ),
  ];
  let messages = 0;
  chosen.forEach(({ patient, doctor }, index) => {
    const demoPatientThread = patient === demo.patient;
    const conversation = demoPatientThread ? CONVERSATIONS[1]! : faker.helpers.arrayElement(CONVERSATIONS);
    // Some of the demo doctor's conversations wait for their answer: the patient wrote last, unread.
    const awaitingDoctor = !demoPatientThread && doctor === demo.doctor && index % 2 === 0;
    const turns = awaitingDoctor ? conversation.turns.slice(0, 1) : conversation.turns;
    const lastAt = now.getTime() - faker.number.int({ min: 2, max: 72 }) * HOUR;
    const startedAt = lastAt - (turns.length - 1) * faker.number.int({ min: 3, max: 20 }) * HOUR;
    const thread = tx.create(MessageThread, {
      patient,
      doctor,
      subject: conversation.subject,
      lastMessageAt: new Date(lastAt),
      createdAt: new Date(startedAt),
      updatedAt: new Date(lastAt),
    });
    turns.forEach((body, turn) => {
      const sentAt = new Date(
        turns.length === 1 ? lastAt : startedAt + ((lastAt - startedAt) * turn) / (turns.length - 1),
      );
      const last = turn === turns.length - 1;
      // The last message of the demo patient's thread (the doctor's reply) and the ones the demo
      // doctor has to answer are unread; everything else was read an hour after it came.
      const unread = last && (demoPatientThread || awaitingDoctor);
      tx.create(Message, {
        thread,
        sender: turn % 2 === 0 ? patient.user : doctor.user,
        body,
        sentAt,
        readAt: unread ? null : new Date(Math.min(sentAt.getTime() + HOUR, now.getTime())),
        createdAt: sentAt,
        updatedAt: sentAt,
      });
      messages += 1;
    });
  });
  return { messageThreads: chosen.length, messages };
}
