import {
  Arg,
  Args,
  Ctx,
  Extensions,
  Field,
  Float,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Context } from '../../server/context.js';
import { CLINICAL } from '../../shared/clinical.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { requireId } from '../../shared/ids.js';
import { PageArgs } from '../../shared/pagination.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { Doctor } from '../doctors/doctor.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { LabOrder, LabOrderConnection } from './lab-order.entity.js';
import { LabResult } from './lab-result.entity.js';
import { LabResultInput, OrderLabTestsInput } from './labs.inputs.js';
import { LabService } from './labs.service.js';
import { resultCodeFilter } from './labs.loader.js';
import { LAB_PANELS, LAB_TESTS } from './loinc-catalogue.js';

@ObjectType({
  description:
    'A test or panel doctors can order, from the curated LOINC catalogue (LOINC © Regenstrief Institute, used ' +
    'under the LOINC licence). Units are UCUM; ranges are common adult intervals.',
})
export class LabCatalogueEntry {
  @Field({ description: 'The LOINC code to order it by.' })
  code!: string;

  @Field({ description: 'The LOINC name.' })
  name!: string;

  @Field({ description: 'Whether it is a panel (ordering it orders each of `members`).' })
  isPanel!: boolean;

  @Field(() => [String], { description: 'The LOINC codes of the tests of a panel; empty for a single test.' })
  members!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'The UCUM unit of a numeric test; null for coded tests and panels.',
  })
  unit!: string | null;

  @Field(() => Float, { nullable: true, description: 'The lower limit of the reference range, if it has one.' })
  referenceLow!: number | null;

  @Field(() => Float, { nullable: true, description: 'The upper limit of the reference range, if it has one.' })
  referenceHigh!: number | null;

  @Field(() => [String], { description: 'The normal values of a coded test (e.g. "Not detected"); empty otherwise.' })
  normalValues!: string[];
}

const CATALOGUE: readonly LabCatalogueEntry[] = [
  ...LAB_PANELS.map((panel) => ({
    code: panel.code,
    name: panel.name,
    isPanel: true,
    members: [...panel.members],
    unit: null,
    referenceLow: null,
    referenceHigh: null,
    normalValues: [],
  })),
  ...LAB_TESTS.map((test) => ({
    code: test.code,
    name: test.name,
    isPanel: false,
    members: [],
    unit: test.kind === 'numeric' ? test.unit : null,
    referenceLow: test.kind === 'numeric' ? test.referenceLow : null,
    referenceHigh: test.kind === 'numeric' ? test.referenceHigh : null,
    normalValues: test.kind === 'coded' ? [...test.normalValues] : [],
  })),
];

/**
 * Lab orders: order, collect, cancel, record results, read one. Reads return entities, so the
 * access guard checks (and audits) every LabOrder a field returns; relations load through the
 * request's loaders.
 */
@Resolver(() => LabOrder)
export class LabOrderResolver {
  @Query(() => [LabCatalogueEntry], {
    description: 'The lab catalogue: panels first, then single tests. For anyone signed in.',
  })
  labCatalogue(@Ctx() ctx: Context): readonly LabCatalogueEntry[] {
    ctx.access.requireSignedIn();
    return CATALOGUE;
  }

  @Query(() => LabOrder, {
    nullable: true,
    description: 'One lab order: for its patient, the doctors caring for them and API clients the patient shares with.',
  })
  async labOrder(@Arg('id', () => ID, { description: 'The lab order.' }) id: string, @Ctx() ctx: Context) {
    ctx.access.requireSignedIn();
    const order = await ctx.loaders.labs.byId.load(requireId(id, 'id'));
    if (!order) {
      throw ctx.access.missing('MedicalRecord');
    }
    return order;
  }

  @Mutation(() => LabOrder, {
    description:
      'DOCTOR caring for the patient (or under an emergency grant): orders tests or panels of the catalogue ' +
      '(`labCatalogue`; a panel orders each of its tests), optionally at a visit of the patient with you. The order ' +
      'starts ORDERED.',
  })
  orderLabTests(
    @Arg('input', () => OrderLabTestsInput, { description: 'The tests, the patient and the visit.' })
    input: OrderLabTestsInput,
    @Ctx() ctx: Context,
  ): Promise<LabOrder> {
    return new LabService(ctx).order(input);
  }

  @Mutation(() => LabOrder, {
    description:
      "The ordering doctor, or a laboratory's API client with `labs:write` for a patient who shares their data with " +
      'it: records results of tests of the order. Values are checked against the catalogue (numeric values as plain ' +
      'decimals in the UCUM unit) and interpreted by the server; the order becomes RESULTED. A result for a test ' +
      'that already has one is a correction, kept as a new version. The patient is told that results are ready; a ' +
      'critical result tells the ordering doctor at once — and while they are away (left, or on time off) the ' +
      'patient’s other doctors at work, or with none of them the ordering doctor’s department colleagues at work. ' +
      'A CANCELLED order is CONFLICT (LAB_ORDER_STATUS).',
  })
  recordLabResults(
    @Arg('orderId', () => ID, { description: 'The lab order.' }) orderId: string,
    @Arg('results', () => [LabResultInput], { description: 'One result per test, 1 to 100.' })
    results: LabResultInput[],
    @Ctx() ctx: Context,
  ): Promise<LabOrder> {
    return new LabService(ctx).record(orderId, results);
  }

  @Mutation(() => LabOrder, {
    description:
      "The ordering doctor, or a laboratory's API client with `labs:write`: the specimen was taken; an ORDERED " +
      'order becomes COLLECTED (any other status is CONFLICT, LAB_ORDER_STATUS).',
  })
  markLabSpecimenCollected(
    @Arg('orderId', () => ID, { description: 'The lab order.' }) orderId: string,
    @Ctx() ctx: Context,
  ): Promise<LabOrder> {
    return new LabService(ctx).collect(orderId);
  }

  @Mutation(() => LabOrder, {
    description:
      'The ordering doctor: cancels an order that has no results yet, with a reason of 3 to 500 characters ' +
      '(a RESULTED or CANCELLED order is CONFLICT, LAB_ORDER_STATUS).',
  })
  cancelLabOrder(
    @Arg('orderId', () => ID, { description: 'The lab order.' }) orderId: string,
    @Arg('reason', { description: 'Why it is cancelled, 3 to 500 characters.' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<LabOrder> {
    return new LabService(ctx).cancel(orderId, reason);
  }

  @Mutation(() => LabOrder, {
    description:
      'The ordering doctor (or, while they are away — left, or on time off now — a doctor who may open the patient’s chart: caring for them, or by emergency access): has seen the results of a ' +
      'RESULTED order (any other status is CONFLICT, ' +
      'LAB_ORDER_STATUS); it leaves `labResultsToReview` until new or corrected results arrive. Marking it again ' +
      'changes nothing.',
  })
  markLabResultsReviewed(
    @Arg('orderId', () => ID, { description: 'The lab order.' }) orderId: string,
    @Ctx() ctx: Context,
  ): Promise<LabOrder> {
    return new LabService(ctx).review(orderId);
  }

  @Query(() => [LabOrder], {
    description:
      'DOCTOR. Your resulted orders whose results you have not marked reviewed (`markLabResultsReviewed`), and those of a doctor who is away (has left, or is on time off now) for patients whose chart you may open (care, or an emergency grant): those with a critical result first, then the longest waiting; at most 100.',
  })
  labResultsToReview(@Ctx() ctx: Context): Promise<LabOrder[]> {
    return new LabService(ctx).toReview();
  }

  @Query(() => Int, {
    description:
      'DOCTOR. How many resulted orders wait for your review (as `labResultsToReview` lists them), all of them (the list stops at 100): for a badge; reads no results.',
  })
  labResultsToReviewCount(@Ctx() ctx: Context): Promise<number> {
    return new LabService(ctx).toReviewCount();
  }

  @FieldResolver(() => Patient, { description: 'Whom the tests are for.' })
  patient(@Root() order: LabOrder): Promise<Patient> {
    return order.patient.loadOrFail();
  }

  @FieldResolver(() => Doctor, { description: 'The doctor who ordered the tests.' })
  doctor(@Root() order: LabOrder): Promise<Doctor> {
    return order.doctor.loadOrFail();
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The visit the tests were ordered at, if any.' })
  async appointment(@Root() order: LabOrder): Promise<Appointment | null> {
    return order.appointment ? order.appointment.loadOrFail() : null;
  }

  @FieldResolver(() => [LabResult], {
    description: 'The current result of each test that has one (corrections replace earlier versions), in test order.',
  })
  async results(@Root() order: LabOrder, @Ctx() ctx: Context): Promise<LabResult[]> {
    const position = new Map(order.tests.map((test, index) => [test.code, index]));
    const results = await ctx.loaders.labs.results.load(order.id);
    return [...results].sort((a, b) => (position.get(a.code) ?? 0) - (position.get(b.code) ?? 0));
  }
}

/** `Patient.labOrders` lives with the child: the patients module knows no labs. */
@Resolver(() => Patient)
export class PatientLabOrdersResolver {
  @FieldResolver(() => LabOrderConnection, { description: 'Lab orders with their results, newest first. Clinical.' })
  @Extensions(CLINICAL)
  labOrders(
    @Root() patient: Patient,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('code', () => String, {
      nullable: true,
      description:
        'Only orders with a current result of this test (a code of `labCatalogue`, e.g. "4548-4" for HbA1c): one test over time, for a trend. `totalCount` counts the same. All orders when omitted.',
    })
    code: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<LabOrder>> {
    return ctx.loaders.labs.byPatient.page(patient.id, page, { filter: resultCodeFilter(code) });
  }
}
