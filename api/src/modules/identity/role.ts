import { registerEnumType } from 'type-graphql';

export enum Role {
  PATIENT = 'PATIENT',
  DOCTOR = 'DOCTOR',
  ADMIN = 'ADMIN',
  /** A partner system acting through an API client, never a person. */
  PARTNER = 'PARTNER',
}

/** The roles a person's account can have (PARTNER belongs to API clients only). */
export type PersonRole = Exclude<Role, Role.PARTNER>;
export const PERSON_ROLES: readonly PersonRole[] = [Role.PATIENT, Role.DOCTOR, Role.ADMIN];

registerEnumType(Role, {
  name: 'Role',
  description: 'Who is acting: a person by the role of their account, or a partner system.',
  valuesConfig: {
    PATIENT: { description: 'A patient: their own chart and appointments.' },
    DOCTOR: { description: 'A doctor: their schedule and the charts of patients in their care.' },
    ADMIN: { description: 'An administrator: accounts, schedules, demographics; never clinical content.' },
    PARTNER: {
      description: "A partner system through an API client: its scopes, and only consenting patients' data.",
    },
  },
});
