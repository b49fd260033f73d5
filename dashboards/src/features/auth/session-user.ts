import type { Role, SessionUserFragment } from '../../gql/graphql';

export type SessionUser = SessionUserFragment;

// PARTNER is an API client, never a person signing in here: it has no area.
const AREA_BY_ROLE = {
  PATIENT: '/patient',
  DOCTOR: '/doctor',
  ADMIN: '/admin',
  PARTNER: '/login',
} as const satisfies Record<Role, string>;

/** Where a role's area starts: a patient under `/patient`, a doctor `/doctor`, an admin `/admin`. */
export function homePathFor(role: Role): string {
  return AREA_BY_ROLE[role];
}

/**
 * Where to go after signing in: the `next` page when it is inside the user's own area (a plain
 * path on this site, never another origin), otherwise the area's start.
 */
export function landingPath(role: Role, next: string | null | undefined): string {
  const home = homePathFor(role);
  if (next && next.startsWith('/') && !next.startsWith('//') && (next === home || next.startsWith(`${home}/`))) {
    return next;
  }
  return home;
}

/** The name to greet someone by: the profile's name, or the email for an admin. */
export function displayName(user: SessionUser): string {
  if (user.doctor) {
    return `Dr ${user.doctor.firstName} ${user.doctor.lastName}`;
  }
  if (user.patient) {
    return `${user.patient.firstName} ${user.patient.lastName}`;
  }
  return user.email;
}
