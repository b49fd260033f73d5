import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { forbidden, notFound, unauthenticated, type AppError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { allChecked, andThen, type MaybePromise } from '../../shared/maybe-async.js';
import type { RowFacts } from '../../shared/read-page.js';
import {
  directRelation,
  mayReadClinical,
  mayReadProfile,
  maySeeAppointment,
  maySeeUser,
  mayWriteClinical,
  type ChartRelation,
} from './access.policy.js';
import type { Actor, PartnerActor, UserActor } from './actor.js';
import { careRule } from './care-rule.js';
import { consentingPatients } from './consent-rule.js';
import { Role } from './role.js';
import type { RowsCheck } from './row-guard.js';

const NOT_YOUR_CHART = "You may not see this patient's chart.";
const NOT_YOUR_APPOINTMENT = 'You may not see this appointment.';
const CLINICAL_FOR_ADMINS = 'Clinical content is not available to administrators.';
const WRITE_FORBIDDEN = 'Only a doctor caring for this patient may write to the chart.';

interface CareFact {
  readonly relation: ChartRelation;
  readonly emergencyReason?: string;
}

const PARTNERS_MAY_NOT = 'API clients may not do this.';

export interface ChartAccess {
  readonly relation: ChartRelation;
  /** Set when the access rests on an emergency grant: audited as such, with its reason. */
  readonly emergencyReason?: string | undefined;
}

/** What a chart access adds to its audit event: whether it rested on an emergency grant, and why. */
export function auditFieldsOf(access: ChartAccess): { emergency: boolean; reason: string | undefined } {
  return access.relation === 'emergency'
    ? { emergency: true, reason: access.emergencyReason }
    : { emergency: false, reason: undefined };
}

/** The audit entry for reading one entity of a patient's chart under the given access. */
export function chartRead(
  entityType: string,
  entityId: string,
  patientId: string,
  access: ChartAccess,
): { entityType: string; entityId: string; patientId: string; emergency: boolean; reason: string | undefined } {
  const { emergency, reason } = auditFieldsOf(access);
  return { entityType, entityId, patientId, emergency, reason };
}

/**
 * The rule of a patient's clinical rows (medical records, prescriptions), as a row guard answers it
 * for a list (`guardRowLists`): the caller must be allowed the clinical content of each row's
 * patient, and every row read is audited. A run of rows of one patient (a chart's list) is decided
 * by one check of that patient, and its audit entries are made from that one decision.
 */
export function clinicalRowsOf<T extends { readonly id: string; readonly patient: { readonly id: string } }>(
  entityType: string,
): RowsCheck<T> {
  return (rows, ctx) =>
    allChecked((add) => {
      for (let start = 0; start < rows.length;) {
        const patientId = rows[start]!.patient.id;
        let end = start + 1;
        while (end < rows.length && rows[end]!.patient.id === patientId) {
          end += 1;
        }
        const from = start;
        add(
          andThen(ctx.access.assertClinical(patientId), (access) => {
            for (let index = from; index < end; index += 1) {
              ctx.audit.read(chartRead(entityType, rows[index]!.id, patientId, access));
            }
          }),
        );
        start = end;
      }
    });
}

/**
 * The one place a request asks "may this actor …?". Rules are the pure functions of
 * access.policy.ts; the facts they need (care relationships, emergency grants) are looked up
 * here, batched per request through a DataLoader and never cached beyond it.
 */
export class AccessControl {
  private currentActor: Actor;
  private careLoader: DataLoader<string, CareFact> | undefined;
  /**
   * The request's one cache of care facts: each asked (its load while in flight) or brought by a
   * list. A fact known decides without a promise; the loader only batches, it keeps nothing.
   */
  private knownCareFacts: Map<string, CareFact | Promise<CareFact>> | undefined;
  private consentLoader: DataLoader<string, boolean> | undefined;

  /**
   * `em` gives the request's entity manager when a question needs the database (the context makes
   * it when first used: a live event's execution for one subscriber often needs none).
   */
  constructor(
    actor: Actor,
    private readonly emOf: () => EntityManager,
  ) {
    this.currentActor = actor;
  }

  private get em(): EntityManager {
    return this.emOf();
  }

  // Made when first used, as the loaders are: a live event's execution for one subscriber (one
  // context per subscriber and event) usually needs neither.
  private get knownCare(): Map<string, CareFact | Promise<CareFact>> {
    return (this.knownCareFacts ??= new Map());
  }

  private get correspondents(): Set<string> {
    return (this.disclosedCorrespondents ??= new Set());
  }

  private get care(): DataLoader<string, CareFact> {
    return (this.careLoader ??= new DataLoader((patientIds) => this.loadCare(patientIds), {
      maxBatchSize: 1000,
      cache: false,
    }));
  }

  private get consent(): DataLoader<string, boolean> {
    // Batched per tick but never cached: a revocation counts from the partner's next question,
    // even inside a long-lived subscription.
    return (this.consentLoader ??= new DataLoader(
      async (patientIds) => {
        const actorNow = this.currentActor;
        if (actorNow.kind !== 'partner') {
          return patientIds.map(() => false);
        }
        const granted = await consentingPatients(this.em, actorNow.clientId, patientIds);
        return patientIds.map((id) => granted.has(id));
      },
      { maxBatchSize: 1000, cache: false },
    ));
  }

  get actor(): Actor {
    return this.currentActor;
  }

  private disclosedCorrespondents: Set<string> | undefined;

  /**
   * Notes that this request showed the actor a message from `userId` (a check another module
   * made): the sender's account may then be shown to them, as the author of that message.
   */
  discloseCorrespondent(userId: string): void {
    this.correspondents.add(userId);
  }

  /** The actor may see this account: their own, any for administrators, or a correspondent's. */
  maySeeAccount(userId: string): boolean {
    return maySeeUser(this.currentActor, userId) || this.correspondents.has(userId);
  }

  /** After a sign-in or registration, the rest of the request runs as the new user. */
  signedInAs(actor: UserActor): void {
    this.currentActor = actor;
    this.knownCareFacts?.clear();
  }

  /** A person (UNAUTHENTICATED for anonymous, FORBIDDEN for a partner: people's operations only). */
  requireUser(): UserActor {
    if (this.currentActor.kind === 'partner') {
      throw forbidden(PARTNERS_MAY_NOT);
    }
    if (this.currentActor.kind !== 'user') {
      throw unauthenticated();
    }
    return this.currentActor;
  }

  /** A person or a partner system. */
  requireSignedIn(): UserActor | PartnerActor {
    if (this.currentActor.kind === 'anonymous') {
      throw unauthenticated();
    }
    return this.currentActor;
  }

  /**
   * For routes outside GraphQL (whose fields the scope table covers): a partner must hold
   * `scope` (FORBIDDEN otherwise); a person passes.
   */
  requireScope(scope: string): UserActor | PartnerActor {
    const actor = this.requireSignedIn();
    if (actor.kind === 'partner' && !actor.scopes.includes(scope)) {
      throw forbidden(`This API client's scopes do not cover this (needs ${scope}).`);
    }
    return actor;
  }

  /** Whether the partner asking may see this patient's data now (an active DATA_SHARING consent). */
  async partnerMaySee(patientId: string): Promise<boolean> {
    return this.currentActor.kind === 'partner' && isUuid(patientId) && this.consent.load(patientId);
  }

  requireRole(...roles: Role[]): UserActor {
    const actor = this.requireUser();
    if (!roles.includes(actor.role)) {
      throw forbidden();
    }
    return actor;
  }

  /**
   * How the actor stands to a patient's chart: at once when it needs no fact or the fact is
   * already known in this request (a list brought it, an earlier check asked), else a promise.
   */
  chart(patientId: string): MaybePromise<ChartAccess> {
    if (this.currentActor.kind === 'partner') {
      return this.partnerMaySee(patientId).then((granted) => ({ relation: granted ? 'consent' : 'none' }));
    }
    const direct = directRelation(this.currentActor, patientId);
    if (direct !== 'ask-care') {
      return { relation: direct };
    }
    // Known facts first: a list brought them for ids it read from the database.
    const known = this.knownCare.get(patientId);
    if (known) {
      return known;
    }
    if (!isUuid(patientId)) {
      return NONE;
    }
    const loading = this.care.load(patientId);
    this.knownCare.set(patientId, loading);
    return loading;
  }

  /**
   * A subquery that brings the facts {@link chart} needs about `patient` (an SQL expression for a
   * patient's id) with the rows of a list — one row of `care`, `booked` and `emergency_reason`,
   * to join laterally — so the list is authorised without another round trip; `undefined` when
   * the actor needs none (only a doctor's access rests on care facts). Each `?` binds the
   * matching value of `params`; hand each row to {@link knowCare}.
   */
  careFactsSql(patient: string, appointment?: string): { sql: string; params: unknown[] } | undefined {
    const doctorId = this.currentActor.kind === 'user' ? this.currentActor.doctorId : undefined;
    if (!doctorId) {
      return undefined;
    }
    // Named apart from the list's own columns.
    return {
      sql: `(select c.care as "__care", c.booked as "__booked", c.emergency_reason as "__emergency_reason" from ${
        appointment ? careRule.factsOfAppointment(patient, appointment) : careRule.facts(patient)
      } c)`,
      params: appointment ? [doctorId, doctorId, doctorId, doctorId] : [doctorId, doctorId],
    };
  }

  /** Records the facts {@link careFactsSql} brought for a patient (the row's `__care`, `__booked`, `__emergency_reason`). */
  knowCare(patientId: string, row: Readonly<Record<string, unknown>>): void {
    const fact = careFactOf({
      care: row['__care'] === true,
      booked: row['__booked'] === true,
      emergency_reason: (row['__emergency_reason'] as string | null | undefined) ?? null,
    });
    this.knownCare.set(patientId, fact);
  }

  /**
   * The care facts about the patient a list's `relation` (or a patient's own `id`) names, to read
   * with its rows. `appointments`: the list's rows are appointments, some of which prove care by
   * themselves (care-rule.ts `factsOfAppointment`).
   */
  careFactsAbout(relation: string, rows?: 'appointments'): RowFacts {
    return {
      relation,
      lateral: (patient, row) => this.careFactsSql(patient, rows === 'appointments' ? row : undefined),
      know: (patientId, row) => this.knowCare(patientId, row),
      needs: rows === 'appointments' ? ['status'] : [],
    };
  }

  /**
   * False when it is already known, without asking the database, that the actor may not see this
   * patient at all (another patient, anonymous): then reading their chart ahead is wasted work.
   * True means "maybe": the row guards decide, as ever.
   */
  mightSeeProfile(patientId: string): boolean {
    if (this.currentActor.kind === 'partner') {
      return true;
    }
    const known = this.knownRelation(patientId);
    return known === undefined || mayReadProfile(known);
  }

  /**
   * False when it is already known, without asking the database, that the actor may not read
   * this patient's clinical content ({@link assertClinical} would refuse: an administrator,
   * another patient): then reading a clinical list ahead is wasted work. True means "maybe".
   */
  mightReadClinical(patientId: string): boolean {
    if (this.currentActor.kind === 'partner') {
      return true;
    }
    const known = this.knownRelation(patientId);
    return known === undefined || mayReadClinical(known);
  }

  /** The actor's relation to the patient when it is known without asking the database. */
  private knownRelation(patientId: string): ChartRelation | undefined {
    const direct = directRelation(this.currentActor, patientId);
    if (direct !== 'ask-care') {
      return direct;
    }
    const fact = this.knownCare.get(patientId);
    return fact instanceof Promise ? undefined : fact?.relation;
  }

  /** Demographics: throws FORBIDDEN (the same whether or not the patient exists). */
  assertProfile(patientId: string): MaybePromise<ChartAccess> {
    this.requireSignedIn();
    return andThen(this.chart(patientId), (access) => {
      if (!mayReadProfile(access.relation)) {
        throw forbidden(NOT_YOUR_CHART);
      }
      return access;
    });
  }

  /** Clinical content: the patient and the doctors caring for them; never administrators. */
  assertClinical(patientId: string): MaybePromise<ChartAccess> {
    this.requireSignedIn();
    return andThen(this.chart(patientId), (access) => {
      if (!mayReadClinical(access.relation)) {
        throw forbidden(access.relation === 'admin' ? CLINICAL_FOR_ADMINS : NOT_YOUR_CHART);
      }
      return access;
    });
  }

  /**
   * What a caller is told about an id that does not exist: exactly what they would be told about
   * one they may not see, so an answer never reveals whether a record exists. Only callers who
   * may see every record of the kind (administrators, for appointments) learn NOT_FOUND.
   */
  missing(kind: 'Appointment' | 'Prescription' | 'MedicalRecord', mode: 'read' | 'write' = 'read'): AppError {
    const actor = this.requireSignedIn();
    if (mode === 'write') {
      return forbidden(WRITE_FORBIDDEN);
    }
    if (actor.role === Role.ADMIN) {
      return kind === 'Appointment' ? notFound(kind) : forbidden(CLINICAL_FOR_ADMINS);
    }
    return forbidden(kind === 'Appointment' ? NOT_YOUR_APPOINTMENT : NOT_YOUR_CHART);
  }

  async assertClinicalWrite(patientId: string): Promise<ChartAccess> {
    this.requireUser();
    const access = await this.chart(patientId);
    if (!mayWriteClinical(this.currentActor, access.relation)) {
      throw forbidden(WRITE_FORBIDDEN);
    }
    return access;
  }

  assertAppointment(appointment: { patientId: string; doctorId: string }): MaybePromise<ChartAccess> {
    this.requireSignedIn();
    return andThen(this.chart(appointment.patientId), (access) => {
      if (!maySeeAppointment(this.currentActor, appointment, access.relation)) {
        throw forbidden(NOT_YOUR_APPOINTMENT);
      }
      return access;
    });
  }

  private async loadCare(patientIds: readonly string[]): Promise<CareFact[]> {
    const actor = this.currentActor;
    const doctorId = actor.kind === 'user' ? actor.doctorId : undefined;
    if (!doctorId) {
      return patientIds.map(() => ({ relation: 'none' }));
    }
    const rows = await this.em.execute<
      { id: string; care: boolean; booked: boolean; emergency_reason: string | null }[]
    >(
      `select x.id, f.care, f.booked, f.emergency_reason
       from unnest(?::uuid[]) as x(id) cross join lateral ${careRule.facts('x.id')} f`,
      [`{${patientIds.join(',')}}`, doctorId, doctorId],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return patientIds.map((id) => {
      const fact = careFactOf(byId.get(id));
      if (this.currentActor === actor) {
        // Unless the request signed in as someone else meanwhile: these were the old actor's.
        this.knownCare.set(id, fact);
      }
      return fact;
    });
  }
}

const CARE: CareFact = Object.freeze({ relation: 'care' });
const SCHEDULE: CareFact = Object.freeze({ relation: 'schedule' });
const NONE: CareFact = Object.freeze({ relation: 'none' });

/** What the care rule's answers for one patient mean for the chart (shared objects but for a grant's reason). */
function careFactOf(row: { care: boolean; booked: boolean; emergency_reason: string | null } | undefined): CareFact {
  if (row?.care) {
    return CARE;
  }
  if (row?.emergency_reason) {
    return { relation: 'emergency', emergencyReason: row.emergency_reason };
  }
  return row?.booked ? SCHEDULE : NONE;
}
