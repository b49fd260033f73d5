import { describe, expect, it } from 'vitest';
import { ReadMemory } from './audit-trail.js';

describe("a process's memory of logged reads", () => {
  it('finds a read by person, entity type and entity, keeping the latest time it was logged', () => {
    const memory = new ReadMemory();
    memory.note('doctor-1', 'Appointment', 'a1', 1_000);
    memory.note('doctor-1', 'Appointment', 'a1', 500); // learned later of an older read
    memory.note('doctor-1', 'MedicalRecord', 'a1', 2_000);
    expect(memory.loggedAt('doctor-1', 'Appointment', 'a1')).toBe(1_000);
    expect(memory.loggedAt('doctor-1', 'MedicalRecord', 'a1')).toBe(2_000);
    expect(memory.loggedAt('doctor-2', 'Appointment', 'a1')).toBeUndefined();
    expect(memory.loggedAt('doctor-1', 'Appointment', 'a2')).toBeUndefined();
  });

  it('lets the oldest go beyond its size: the group noted longest ago first, oldest entity first', () => {
    const memory = new ReadMemory();
    memory.note('doctor-1', 'Appointment', 'a1', 1);
    memory.note('doctor-1', 'Appointment', 'a2', 2);
    memory.note('doctor-2', 'Appointment', 'b1', 3);
    memory.note('doctor-1', 'Appointment', 'a3', 4); // doctor-1's group is now the newest
    // A look-up before the trim, so the trim must not leave a stale group behind it.
    expect(memory.loggedAt('doctor-2', 'Appointment', 'b1')).toBe(3);
    memory.trim(2);
    expect(memory.loggedAt('doctor-2', 'Appointment', 'b1')).toBeUndefined();
    expect(memory.loggedAt('doctor-1', 'Appointment', 'a1')).toBeUndefined();
    expect(memory.loggedAt('doctor-1', 'Appointment', 'a2')).toBe(2);
    expect(memory.loggedAt('doctor-1', 'Appointment', 'a3')).toBe(4);
    memory.note('doctor-2', 'Appointment', 'b2', 5);
    expect(memory.loggedAt('doctor-2', 'Appointment', 'b2')).toBe(5);
  });
});
