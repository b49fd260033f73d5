import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Context } from '../../server/context.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { AppError, badInput } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { MAX_PAGE_SIZE, timePage, type PageArgs } from '../../shared/pagination.js';
import { readNamePage } from '../../shared/read-page.js';
import { readAllInOrder, readChildren, readChildrenInOrder, readRowsById } from '../../shared/read-rows.js';
import { appointmentScope } from '../appointments/appointment.policy.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { mayReadClinical, mayReadProfile } from '../identity/access.policy.js';
import { Role } from '../identity/role.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { narrowPatients } from '../patients/patient.policy.js';
import { PATIENT_ACCOUNT } from '../patients/patient.service.js';
import { PrescriptionItem } from '../prescriptions/prescription-item.entity.js';
import { Prescription } from '../prescriptions/prescription.entity.js';
import { MedicalRecord } from '../records/medical-record.entity.js';
import { parseElements, subsetted } from './fhir-elements.js';
import { assertChartClinical, fhirCaller, guardEach, readableReasons, type DataScope } from './fhir-access.js';
import {
  APPOINTMENT_STATUS_FROM_FHIR,
  toAllergyIntolerances,
  toDiagnosisConditions,
  toFhirAppointment,
  toFhirPatient,
  toMedicationRequest,
  toPractitioner,
  toPractitionerRole,
  toProblemListConditions,
  toVitalSignObservations,
} from './fhir-resources.js';
import { readSchedule, readSlot, searchSchedules, searchSlots } from './fhir-slots.js';
import { labCharts, readDiagnosticReport, readLabObservation, searchDiagnosticReports } from './fhir-labs.js';
import { searchObservations } from './fhir-observations.js';
import { insuranceResources, readBilling, searchClaims, searchCoverage } from './fhir-billing.js';
import { dateParam, referenceId, SearchParams, unknownResource, unsupportedType } from './fhir-search.js';

/** A page of resources and the cursor of the next page, if any. */
interface ResourcePage {
  readonly resources: readonly Resource[];
  readonly next: string | null;
}

/** The resource types served, each with its search parameters (the CapabilityStatement reads it). */
export const SEARCH_PARAMETERS = {
  Patient: ['name', 'birthdate'],
  Practitioner: ['name'],
  PractitionerRole: ['specialty'],
  Schedule: ['actor'],
  Slot: ['schedule', 'practitioner', 'start'],
  Appointment: ['patient', 'practitioner', 'date', 'status'],
  MedicationRequest: ['patient'],
  Observation: ['patient', 'category', 'code'],
  Condition: ['patient'],
  AllergyIntolerance: ['patient'],
  DiagnosticReport: ['patient'],
  Coverage: ['patient'],
  Claim: ['patient'],
  ClaimResponse: ['patient'],
} as const satisfies Record<string, readonly string[]>;
export type FhirType = keyof typeof SEARCH_PARAMETERS;

/** The scope a partner needs (beside `fhir:read`) for each type: the GraphQL scope of that data. */
export const DATA_SCOPES: Readonly<Record<FhirType, DataScope>> = {
  Patient: 'patients:read',
  Practitioner: 'doctors:read',
  PractitionerRole: 'doctors:read',
  Schedule: 'doctors:read',
  Slot: 'doctors:read',
  Appointment: 'appointments:read',
  MedicationRequest: 'clinical:read',
  Observation: 'clinical:read',
  Condition: 'clinical:read',
  AllergyIntolerance: 'clinical:read',
  DiagnosticReport: 'clinical:read',
  Coverage: 'claims:read',
  Claim: 'claims:read',
  ClaimResponse: 'claims:read',
};

/** `$everything` holds data of every kind. */
const EVERYTHING_SCOPES: readonly DataScope[] = ['patients:read', 'doctors:read', 'appointments:read', 'clinical:read'];

export const isFhirType = (type: string): type is FhirType => Object.hasOwn(SEARCH_PARAMETERS, type);

/** `<uuid>-<part>`: a resource made from part of a row. */
const DERIVED_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([a-z]+)(\d*)$/;

const nextOf = <T>(page: ConnectionShape<T>): string | null =>
  page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;

/** A forged `_cursor` is refused by the shared pagination as `after`: named as the FHIR parameter. */
async function paged<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.options.fields?.some((field) => field.field === 'after')) {
      throw badInput([{ field: '_cursor', message: 'is not a cursor from this search' }]);
    }
    throw error;
  }
}

/** The patient a chart resource is about (its subject, patient or patient participant). */
function patientOf(resource: Resource): string[] {
  const one = (reference: unknown): string | undefined =>
    reference && typeof reference === 'object' && 'reference' in reference && typeof reference.reference === 'string'
      ? reference.reference
      : undefined;
  const references = [
    'subject' in resource ? one(resource.subject) : undefined,
    'patient' in resource ? one(resource.patient) : undefined,
    ...(resource.resourceType === 'Appointment' ? resource.participant.map((part) => part.actor?.reference) : []),
  ];
  return references.flatMap((reference) =>
    reference?.startsWith('Patient/') ? [reference.slice('Patient/'.length)] : [],
  );
}

const escapeLike = (text: string): string => text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * FHIR R4 reads and searches over the chart, with GraphQL's access: lists are narrowed as the
 * GraphQL lists are, and every row served passes its module's row guard (audited as a chart read).
 */
export class FhirService {
  constructor(private readonly ctx: Context) {}

  /** `GET {type}/{id}`, cut down to `_elements` when the query names any. */
  async read(type: string, id: string, query?: URLSearchParams): Promise<Resource> {
    fhirCaller(this.ctx);
    if (!isFhirType(type)) {
      throw unsupportedType();
    }
    fhirCaller(this.ctx, DATA_SCOPES[type]);
    const elements = parseElements(query?.getAll('_elements') ?? []);
    const found = await this.readOf(type, id.toLowerCase());
    if (!found) {
      throw unknownResource(type);
    }
    return elements ? subsetted(found, elements) : found;
  }

  async search(type: string, query: URLSearchParams): Promise<ResourcePage & { params: SearchParams }> {
    fhirCaller(this.ctx);
    if (!isFhirType(type)) {
      throw unsupportedType();
    }
    fhirCaller(this.ctx, DATA_SCOPES[type]);
    const params = SearchParams.parse(query, SEARCH_PARAMETERS[type]);
    const elements = parseElements(params.all('_elements'));
    const page = await paged(() => this.searchOf(type, params));
    return {
      ...page,
      resources: elements ? page.resources.map((resource) => subsetted(resource, elements)) : page.resources,
      params,
    };
  }

  /** `Patient/{id}/$everything`: the whole chart the caller may read, with the doctors it names. */
  async everything(patientId: string): Promise<Resource[]> {
    fhirCaller(this.ctx, ...EVERYTHING_SCOPES);
    const id = patientId.toLowerCase();
    if (!isUuid(id)) {
      throw unknownResource('Patient');
    }
    await assertChartClinical(this.ctx, id);
    const chart = await this.wholeCharts([id], true);
    if (!chart.length) {
      throw unknownResource('Patient');
    }
    return chart;
  }

  /**
   * Patients' charts as far as the caller may see them, for a bulk export: the whole chart
   * (`$everything` without the doctors, exported once on their own) where the caller may read it
   * clinically; otherwise (an administrator, a partner without `clinical:read`) the patient and
   * their appointments, visit reasons left out as in GraphQL, loaded for the whole page at once.
   * A patient the caller may no longer see (a consent withdrawn meanwhile) is left out. Every row
   * passes its guard (and is audited) as in any read.
   */
  async visibleCharts(patientIds: readonly string[]): Promise<Resource[]> {
    const actor = fhirCaller(this.ctx);
    const relations = await Promise.all(patientIds.map(async (id) => (await this.ctx.access.chart(id)).relation));
    const clinicalScope = actor.kind !== 'partner' || actor.scopes.includes('clinical:read');
    const whole = patientIds.filter((_, index) => clinicalScope && mayReadClinical(relations[index]!));
    const partial = patientIds.filter(
      (_, index) => !(clinicalScope && mayReadClinical(relations[index]!)) && mayReadProfile(relations[index]!),
    );
    const charts = await this.wholeCharts(whole, false);
    if (partial.length) {
      const appointments = await this.ctx.em.find(
        Appointment,
        { patient: { $in: partial } },
        { orderBy: { patient: 'asc', startsAt: 'asc', id: 'asc' } },
      );
      const [patients, appointmentResources, insurance] = await Promise.all([
        this.patients(partial),
        this.appointments(appointments),
        insuranceResources(this.ctx, partial),
      ]);
      charts.push(...patients, ...appointmentResources, ...[...insurance.values()].flat());
    }
    return charts;
  }

  /**
   * `_typeFilter` of a bulk export: of the charts' resources, those of a filtered type are kept
   * when one of that type's queries finds them — each query run as that type's own search on each
   * patient's chart holding such resources (the one search, guarded as any), not a second matcher.
   */
  async matchingFilters(charts: readonly Resource[], filters: readonly string[]): Promise<Resource[]> {
    const matched = new Map<string, Set<string>>();
    for (const filter of filters) {
      const mark = filter.indexOf('?');
      const type = filter.slice(0, mark);
      const found = matched.get(type) ?? new Set<string>();
      matched.set(type, found);
      const patients = new Set(
        charts.filter((resource) => resource.resourceType === type).flatMap((resource) => patientOf(resource)),
      );
      for (const patientId of patients) {
        let cursor: string | null = null;
        do {
          const query = new URLSearchParams(filter.slice(mark + 1));
          query.set('patient', patientId);
          query.set('_count', String(MAX_PAGE_SIZE));
          if (cursor) {
            query.set('_cursor', cursor);
          }
          const page = await this.search(type, query);
          page.resources.forEach((resource) => found.add(resource.id!));
          cursor = page.next;
        } while (cursor);
      }
    }
    return charts.filter((resource) => matched.get(resource.resourceType)?.has(resource.id!) ?? true);
  }

  /**
   * Whole charts (`$everything`; with `practitioners`, the doctors they name, once, after the
   * first patient) of patients whose charts the caller may read clinically (the callers check
   * that, once per chart), each patient's resources together, read in the same statements for one
   * chart or a page of them: every kind of row for all the patients at once, guarded (and
   * audited) as any read.
   */
  private async wholeCharts(ids: readonly string[], practitioners: boolean): Promise<Resource[]> {
    if (!ids.length) {
      return [];
    }
    const em = this.ctx.em;
    // Read rows (a chart is only serialised), each level one part of the request's round trip:
    // the patients with their accounts and lists, then what those name (items, doctors, results).
    const [found, users, appointmentsOf, recordsOf, prescriptionsOf, labs, insurance] = await Promise.all([
      readRowsById(em, Patient).loadMany(ids),
      readAllInOrder(em, User, 'p.id', {
        sql: 't.id in (select user_id from patient where id = any($1::uuid[]))',
        params: [ids],
      }),
      readChildren(em, Appointment, 'patient', ids, 'startsAt'),
      readChildren(em, MedicalRecord, 'patient', ids, 'recordedAt'),
      readChildren(em, Prescription, 'patient', ids, 'issuedAt'),
      labCharts(this.ctx, ids),
      insuranceResources(this.ctx, ids),
    ]);
    const patients = found.map((row) => (row instanceof Error ? null : row));
    const appointments = appointmentsOf.flat();
    const records = recordsOf.flat();
    const prescriptions = prescriptionsOf.flat();
    const doctorIds = [...new Set([...appointments, ...records, ...prescriptions].map((row) => row.doctor.id))];
    const [itemsOf, appointmentResources, doctors] = await Promise.all([
      readChildrenInOrder(
        em,
        PrescriptionItem,
        'prescription',
        prescriptions.map((row) => row.id),
        'p.position, p.id',
      ),
      this.appointments(appointments),
      practitioners
        ? readAllInOrder(em, Doctor, 'p.last_name, p.id', { sql: 't.id = any($1::uuid[])', params: [doctorIds] })
        : [],
      guardEach(
        this.ctx,
        Patient,
        patients.filter((row) => row !== null),
      ),
      guardEach(this.ctx, MedicalRecord, records),
      guardEach(this.ctx, Prescription, prescriptions),
    ]);
    const resourceOf = new Map(appointments.map((row, index) => [row, appointmentResources[index]!]));
    const userOf = new Map(users.map((user) => [user.id, user]));
    const itemsByPrescription = new Map(prescriptions.map((row, index) => [row.id, itemsOf[index]!]));
    return ids.flatMap((id, index) => {
      const patient = patients[index];
      if (!patient) {
        return [];
      }
      const lab = labs.get(id) ?? { reports: [], observations: [] };
      return [
        fhirPatientOf(patient, userOf.get(patient.user.id)),
        ...(index === 0 ? doctors.map(toPractitioner) : []),
        ...appointmentsOf[index]!.map((row) => resourceOf.get(row)!),
        ...recordsOf[index]!.flatMap(toVitalSignObservations),
        ...lab.observations,
        ...lab.reports,
        ...toProblemListConditions(patient),
        ...recordsOf[index]!.flatMap(toDiagnosisConditions),
        ...toAllergyIntolerances(patient),
        ...prescriptionsOf[index]!.flatMap((prescription) =>
          itemsByPrescription.get(prescription.id)!.map((item) => toMedicationRequest(item, prescription)),
        ),
        // Cover and claims, where the caller sees the patient's money (the patient themself; an insurer its claims).
        ...(insurance.get(id) ?? []),
      ];
    });
  }

  private async readOf(type: FhirType, id: string): Promise<Resource | undefined> {
    const derived = DERIVED_ID.exec(id);
    const em = this.ctx.em;
    switch (type) {
      case 'Patient': {
        if (!isUuid(id)) {
          return undefined;
        }
        // The same answer as GraphQL's `patient`: FORBIDDEN whether or not the id exists.
        await this.ctx.access.assertProfile(id);
        return (await this.patients([id]))[0];
      }
      case 'Practitioner':
      case 'PractitionerRole': {
        const doctor = isUuid(id) ? await em.findOne(Doctor, id) : null;
        return doctor ? (type === 'Practitioner' ? toPractitioner(doctor) : toPractitionerRole(doctor)) : undefined;
      }
      case 'Schedule':
        return readSchedule(this.ctx, id);
      case 'Slot':
        return readSlot(this.ctx, id);
      case 'Appointment': {
        const appointment = isUuid(id) ? await em.findOne(Appointment, id) : null;
        if (!appointment) {
          throw this.ctx.access.missing('Appointment');
        }
        return (await this.appointments([appointment]))[0];
      }
      case 'MedicationRequest': {
        const item = isUuid(id) ? await em.findOne(PrescriptionItem, id, { populate: ['prescription'] }) : null;
        if (!item) {
          throw this.ctx.access.missing('Prescription');
        }
        return (await this.medicationRequests([item]))[0];
      }
      case 'DiagnosticReport':
        return readDiagnosticReport(this.ctx, id);
      case 'Observation':
      case 'Condition': {
        if (type === 'Observation' && isUuid(id)) {
          return readLabObservation(this.ctx, id);
        }
        if (derived?.[2] === 'cc' && type === 'Condition') {
          const { conditions } = await this.problemsAndAllergies(derived[1]!);
          return conditions.find((resource) => resource.id === id);
        }
        const record = derived ? await em.findOne(MedicalRecord, derived[1]!) : null;
        if (!record) {
          throw this.ctx.access.missing('MedicalRecord');
        }
        await guardEach(this.ctx, MedicalRecord, [record]);
        const resources = type === 'Observation' ? toVitalSignObservations(record) : toDiagnosisConditions(record);
        return resources.find((resource) => resource.id === id);
      }
      case 'Coverage':
      case 'Claim':
      case 'ClaimResponse':
        return readBilling(this.ctx, type, id);
      case 'AllergyIntolerance': {
        if (derived?.[2] !== 'al') {
          return undefined;
        }
        const { allergies } = await this.problemsAndAllergies(derived[1]!);
        return allergies.find((resource) => resource.id === id);
      }
    }
  }

  private async searchOf(type: FhirType, params: SearchParams): Promise<ResourcePage> {
    const page = params.page();
    switch (type) {
      case 'Patient':
        return this.searchPatients(params, page);
      case 'Practitioner':
      case 'PractitionerRole': {
        const name = params.one('name');
        const specialty = params.one('specialty');
        const doctors = await readNamePage(
          this.ctx.em,
          () => {
            const qb = this.ctx.em.createQueryBuilder(Doctor, 'd');
            if (name) {
              qb.andWhere(`(lower(d.first_name) like ? or lower(d.last_name) like ?)`, [
                `${escapeLike(name)}%`,
                `${escapeLike(name)}%`,
              ]);
            }
            if (specialty) {
              qb.andWhere('lower(d.specialization) = ?', [specialty.toLowerCase()]);
            }
            return qb;
          },
          page,
        );
        const rows = doctors.edges.map((edge) => edge.node);
        return {
          resources: rows.map((row): Resource =>
            type === 'Practitioner' ? toPractitioner(row) : toPractitionerRole(row),
          ),
          next: nextOf(doctors),
        };
      }
      case 'Schedule':
        return searchSchedules(this.ctx, params, page);
      case 'Slot':
        return searchSlots(this.ctx, params, page);
      case 'Appointment':
        return this.searchAppointments(params, page);
      case 'MedicationRequest': {
        const patientId = await this.clinicalSubject(params);
        const items = await timePage(
          this.ctx.em,
          PrescriptionItem,
          [{ prescription: { patient: patientId } }],
          'createdAt',
          'desc',
          page,
          { populate: ['prescription'] },
        );
        return { resources: await this.medicationRequests(items.edges.map((edge) => edge.node)), next: nextOf(items) };
      }
      case 'Observation':
        return searchObservations(this.ctx, await this.clinicalSubject(params), params, page);
      case 'Condition': {
        const patientId = await this.clinicalSubject(params);
        const records = await timePage(
          this.ctx.em,
          MedicalRecord,
          [{ patient: patientId }, { diagnoses: { $ne: [] } }],
          'recordedAt',
          'desc',
          page,
        );
        const rows = records.edges.map((edge) => edge.node);
        await guardEach(this.ctx, MedicalRecord, rows);
        // The problem list (the patient's history) leads the first page.
        const problems = page.after ? [] : (await this.problemsAndAllergies(patientId)).conditions;
        return { resources: [...problems, ...rows.flatMap(toDiagnosisConditions)], next: nextOf(records) };
      }
      case 'AllergyIntolerance': {
        const patientId = await this.clinicalSubject(params);
        return { resources: (await this.problemsAndAllergies(patientId)).allergies, next: null };
      }
      case 'DiagnosticReport': {
        const reports = await searchDiagnosticReports(this.ctx, await this.clinicalSubject(params), page);
        return { resources: reports.resources, next: nextOf(reports.page) };
      }
      case 'Coverage':
        return { resources: await searchCoverage(this.ctx, params), next: null };
      case 'Claim':
      case 'ClaimResponse': {
        const claims = await searchClaims(this.ctx, type, params, page);
        return { resources: claims.resources, next: nextOf(claims.page) };
      }
    }
  }

  /** The patient a clinical search is about: `patient`, or for a patient their own chart. */
  private async clinicalSubject(params: SearchParams): Promise<string> {
    const actor = fhirCaller(this.ctx);
    const given = params.one('patient');
    const patientId = given
      ? referenceId(given, 'Patient', 'patient')
      : actor.kind === 'user' && actor.role === Role.PATIENT && actor.patientId
        ? actor.patientId
        : undefined;
    if (!patientId) {
      throw badInput([{ field: 'patient', message: 'is required: clinical data is searched one chart at a time' }]);
    }
    await assertChartClinical(this.ctx, patientId);
    return patientId;
  }

  private async searchPatients(params: SearchParams, page: PageArgs): Promise<ResourcePage> {
    const actor = fhirCaller(this.ctx);
    const name = params.one('name');
    const birthdate = params.one('birthdate');
    const born = birthdate ? dateParam(birthdate, 'birthdate') : undefined;
    if (born && born.value.length !== 10) {
      throw badInput([{ field: 'birthdate', message: 'must be a date (YYYY-MM-DD)' }]);
    }
    // One statement: the page's patients as read rows, their accounts (e-mail, active) joined in.
    const patients = await readNamePage(
      this.ctx.em,
      () => {
        // Narrowed as the GraphQL directory is (a partner: consenting patients only).
        const qb = narrowPatients(this.ctx.em.createQueryBuilder(Patient, 'p'), 'p', actor);
        if (name) {
          // A name part (a word of the first or last name) that starts with the text. The stored
          // search text's trigram index finds the candidates (a word's start is selective even for
          // two letters); the names decide.
          const prefix = `${escapeLike(name)}%`;
          qb.andWhere(`(p.search_text like ? or p.search_text like ?)`, [prefix, `% ${prefix}`]);
          qb.andWhere(`(lower(p.first_name) like ? or lower(p.last_name) like ?)`, [prefix, prefix]);
        }
        if (born) {
          const operator = { eq: '=', ne: '<>', gt: '>', lt: '<', ge: '>=', le: '<=' }[born.comparator];
          qb.andWhere(`p.date_of_birth ${operator} ?::date`, [born.value]);
        }
        return qb;
      },
      page,
      { join: [PATIENT_ACCOUNT] },
    );
    const rows = patients.edges.map((edge) => edge.node);
    await guardEach(this.ctx, Patient, rows);
    return { resources: rows.map((row) => fhirPatientOf(row)), next: nextOf(patients) };
  }

  private async searchAppointments(params: SearchParams, page: PageArgs): Promise<ResourcePage> {
    const actor = fhirCaller(this.ctx);
    const where = await appointmentScope(this.ctx.em, actor);
    const patient = params.one('patient');
    const practitioner = params.one('practitioner');
    if (patient) {
      where.push({ patient: referenceId(patient, 'Patient', 'patient') });
    }
    if (practitioner) {
      where.push({ doctor: referenceId(practitioner, 'Practitioner', 'practitioner') });
    }
    for (const value of params.all('date')) {
      const date = dateParam(value, 'date');
      const operator = { eq: '$eq', ne: '$ne', gt: '$gt', lt: '$lt', ge: '$gte', le: '$lte' }[date.comparator];
      where.push({ startsAt: { [operator]: date.instant } });
    }
    const statuses = params.all('status').flatMap((value) => value.split(','));
    if (statuses.length) {
      const ours = statuses.map((status) => APPOINTMENT_STATUS_FROM_FHIR.get(status));
      if (ours.some((status) => !status)) {
        throw badInput([{ field: 'status', message: 'must be FHIR appointment statuses this clinic uses' }]);
      }
      where.push({ status: { $in: ours } });
    }
    const appointments = await timePage(this.ctx.em, Appointment, where, 'startsAt', 'asc', page);
    return {
      resources: await this.appointments(appointments.edges.map((edge) => edge.node)),
      next: nextOf(appointments),
    };
  }

  /** Patients by id, guarded (demographics, audited), with their account's e-mail and state. */
  private async patients(ids: readonly string[]): Promise<Resource[]> {
    const byId = await this.patientRows(ids);
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [fhirPatientOf(row)] : [];
    });
  }

  /** Patient rows by id with their accounts, guarded (demographics, audited). */
  private async patientRows(ids: readonly string[]): Promise<Map<string, Patient>> {
    if (!ids.length) {
      return new Map();
    }
    const rows = await this.ctx.em.find(Patient, { id: { $in: [...ids] } }, { populate: ['user'] });
    await guardEach(this.ctx, Patient, rows);
    return new Map(rows.map((row) => [row.id, row]));
  }

  private async appointments(rows: readonly Appointment[]): Promise<Resource[]> {
    await guardEach(this.ctx, Appointment, rows);
    const reasons = await readableReasons(this.ctx, rows);
    return rows.map((row) => toFhirAppointment(row, reasons.get(row.id)));
  }

  private async medicationRequests(items: readonly PrescriptionItem[]): Promise<Resource[]> {
    const prescriptions = [
      ...new Map(items.map((item) => [item.prescription.id, item.prescription.getEntity()])).values(),
    ];
    await guardEach(this.ctx, Prescription, prescriptions);
    return items.map((item) => toMedicationRequest(item, item.prescription.getEntity()));
  }

  /** The history kept on the patient (chronic conditions, allergies): clinical, audited. */
  private async problemsAndAllergies(patientId: string) {
    if (!isUuid(patientId)) {
      return { conditions: [], allergies: [] };
    }
    await assertChartClinical(this.ctx, patientId);
    const patient = await this.ctx.em.findOne(Patient, patientId);
    if (!patient) {
      return { conditions: [], allergies: [] };
    }
    await guardEach(this.ctx, Patient, [patient]);
    return { conditions: toProblemListConditions(patient), allergies: toAllergyIntolerances(patient) };
  }
}

/** A patient's FHIR resource, from the patient's row with their account's row (e-mail, active). */
function fhirPatientOf(row: Patient, user: User = row.user.getEntity()): Resource {
  return toFhirPatient(row, { email: user.email, active: user.active });
}

/** A `searchset` Bundle of a page, with `self` and (when there is more) `next` links. */
export function searchBundle(
  baseUrl: string,
  path: string,
  page: { resources: readonly Resource[]; next?: string | null; params?: SearchParams },
): Bundle {
  const link = (cursor: string | null) => {
    const query = page.params?.linkQuery(cursor) ?? '';
    return `${baseUrl}/${path}${query ? `?${query}` : ''}`;
  };
  const entry: BundleEntry[] = page.resources.map((resource) => ({
    fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id ?? ''}`,
    resource,
    search: { mode: 'match' },
  }));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [
      { relation: 'self', url: link(page.params?.one('_cursor') ?? null) },
      ...(page.next ? [{ relation: 'next', url: link(page.next) }] : []),
    ],
    entry,
  };
}
