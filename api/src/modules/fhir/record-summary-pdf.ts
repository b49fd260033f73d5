import { loadPdfKit } from '../../shared/pdfkit.js';
import type {
  AllergyIntolerance,
  Appointment,
  Claim,
  ClaimResponse,
  CodeableConcept,
  Condition,
  Coverage,
  MedicationRequest,
  Money,
  Observation,
  Patient,
  Practitioner,
  Resource,
} from '@medplum/fhirtypes';
import { clean } from '../../shared/pdf-text.js';

/**
 * "Download my record", the readable half: a summary of the patient's `$everything` resources
 * (the same content as the FHIR file) on A4 pages, section by section. Rendered from the FHIR
 * resources alone, so the PDF and the bundle cannot disagree.
 */

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
const BRAND = '#1d4e89';
const MUTED = '#616e7c';
const TEXT = '#1f2933';

type Doc = PDFKit.PDFDocument;

const byType = <T extends Resource>(resources: readonly Resource[], type: T['resourceType']): T[] =>
  resources.filter((resource): resource is T => resource.resourceType === type);

const textOf = (concept: CodeableConcept | undefined): string =>
  concept?.text ?? concept?.coding?.[0]?.display ?? concept?.coding?.[0]?.code ?? '';

const dayOf = (iso: string | undefined): string =>
  iso
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(iso),
      )
    : '';

function heading(doc: Doc, title: string): void {
  if (doc.y > 720) {
    doc.addPage();
  }
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(BRAND).text(title, MARGIN, doc.y, { width: WIDTH });
  doc
    .moveTo(MARGIN, doc.y + 2)
    .lineTo(MARGIN + WIDTH, doc.y + 2)
    .strokeColor('#cbd2d9')
    .stroke();
  doc.moveDown(0.4).font('Helvetica').fontSize(10).fillColor(TEXT);
}

function line(doc: Doc, main: string, detail?: string): void {
  doc.font('Helvetica').fontSize(10).fillColor(TEXT).text(clean(main), MARGIN, doc.y, { width: WIDTH });
  if (detail) {
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(MUTED)
      .text(clean(detail), MARGIN + 12, doc.y, { width: WIDTH - 12 });
  }
  doc.moveDown(0.25);
}

function none(doc: Doc, text: string): void {
  doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(text, MARGIN, doc.y, { width: WIDTH });
}

const quantity = (observation: Observation): string => {
  if (observation.valueQuantity) {
    return `${observation.valueQuantity.value ?? ''} ${observation.valueQuantity.unit ?? ''}`.trim();
  }
  return (observation.component ?? [])
    .map((part) => `${part.valueQuantity?.value ?? ''}`)
    .join('/')
    .concat(observation.component?.[0]?.valueQuantity?.unit ? ` ${observation.component[0].valueQuantity.unit}` : '');
};

export async function renderRecordSummaryPdf(
  resources: readonly Resource[],
  generatedAt: Date = new Date(),
): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: 'Health record summary' } });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc, resources, generatedAt);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function draw(doc: Doc, resources: readonly Resource[], generatedAt: Date): void {
  const [patient] = byType<Patient>(resources, 'Patient');
  const doctors = new Map(
    byType<Practitioner>(resources, 'Practitioner').map((doctor) => [
      `Practitioner/${doctor.id}`,
      `Dr ${doctor.name?.[0]?.given?.[0] ?? ''} ${doctor.name?.[0]?.family ?? ''}`.trim(),
    ]),
  );
  const name = patient?.name?.[0];
  doc.font('Helvetica-Bold').fontSize(20).fillColor(BRAND).text('Health record summary', MARGIN, MARGIN);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `Produced ${dayOf(generatedAt.toISOString())} from the clinic's records (the same content as the FHIR R4 file of your record).`,
    );
  heading(doc, 'You');
  line(doc, clean(`${name?.given?.join(' ') ?? ''} ${name?.family ?? ''}`.trim()), undefined);
  line(
    doc,
    `Born ${dayOf(patient?.birthDate)}${patient?.gender ? ` - ${patient.gender}` : ''}`,
    (patient?.telecom ?? []).map((contact) => contact.value).join(' - '),
  );

  heading(doc, 'Allergies and intolerances');
  const allergies = byType<AllergyIntolerance>(resources, 'AllergyIntolerance');
  if (!allergies.length) {
    none(doc, 'None recorded.');
  }
  allergies.forEach((allergy) => line(doc, textOf(allergy.code)));

  heading(doc, 'Conditions and diagnoses');
  const conditions = byType<Condition>(resources, 'Condition');
  if (!conditions.length) {
    none(doc, 'None recorded.');
  }
  for (const condition of conditions) {
    const coding = condition.code?.coding?.[0];
    line(
      doc,
      `${condition.code?.text ?? coding?.display ?? ''}${coding?.code ? ` (${coding.code})` : ''}`,
      [
        condition.category?.[0]?.coding?.[0]?.code === 'problem-list-item' ? 'Long-term condition' : 'Diagnosis',
        condition.recordedDate ? `recorded ${dayOf(condition.recordedDate)}` : '',
        condition.recorder?.reference ? doctors.get(condition.recorder.reference) : '',
      ]
        .filter(Boolean)
        .join(' - '),
    );
  }

  heading(doc, 'Medicines');
  const medicines = byType<MedicationRequest>(resources, 'MedicationRequest');
  if (!medicines.length) {
    none(doc, 'None prescribed.');
  }
  for (const medicine of medicines) {
    line(
      doc,
      `${textOf(medicine.medicationCodeableConcept)} - ${medicine.status}`,
      [medicine.dosageInstruction?.[0]?.text, medicine.authoredOn ? `prescribed ${dayOf(medicine.authoredOn)}` : '']
        .filter(Boolean)
        .join(' - '),
    );
  }

  const observations = byType<Observation>(resources, 'Observation').sort((a, b) =>
    (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? ''),
  );
  const isLab = (observation: Observation) =>
    observation.category?.some((category) => category.coding?.some((coding) => coding.code === 'laboratory')) ?? false;

  heading(doc, 'Laboratory results');
  const labs = observations.filter(isLab);
  if (!labs.length) {
    none(doc, 'None recorded.');
  }
  for (const result of labs) {
    const flag = result.interpretation?.[0]?.text;
    line(
      doc,
      `${textOf(result.code)}: ${result.valueQuantity ? quantity(result) : (result.valueString ?? '')}`,
      [
        dayOf(result.effectiveDateTime),
        flag && flag !== 'Normal' ? flag : '',
        result.status === 'corrected' ? 'corrected' : '',
      ]
        .filter(Boolean)
        .join(' - '),
    );
  }

  heading(doc, 'Vital signs');
  const vitals = observations.filter((observation) => !isLab(observation));
  if (!vitals.length) {
    none(doc, 'None recorded.');
  }
  // One line per visit: the measurements of that day side by side.
  const byDay = new Map<string, string[]>();
  for (const observation of vitals) {
    const day = dayOf(observation.effectiveDateTime);
    const name = observation.component?.length ? 'Blood pressure' : textOf(observation.code);
    byDay.set(day, [...(byDay.get(day) ?? []), `${name} ${quantity(observation)}`]);
  }
  byDay.forEach((measurements, day) => line(doc, day, measurements.join(' - ')));

  heading(doc, 'Appointments');
  const visits = byType<Appointment>(resources, 'Appointment');
  if (!visits.length) {
    none(doc, 'None.');
  }
  for (const visit of visits) {
    const doctor = visit.participant
      .map((participant) => participant.actor?.reference)
      .map((reference) => (reference ? doctors.get(reference) : undefined))
      .find(Boolean);
    line(
      doc,
      `${dayOf(visit.start)} - ${visit.status}${doctor ? ` - ${doctor}` : ''}`,
      visit.reasonCode?.[0]?.text ? `Reason: ${visit.reasonCode[0].text}` : undefined,
    );
  }

  heading(doc, 'Insurance and claims');
  const policies = byType<Coverage>(resources, 'Coverage');
  const claims = byType<Claim>(resources, 'Claim');
  if (!policies.length && !claims.length) {
    none(doc, 'None recorded.');
  }
  for (const policy of policies) {
    line(
      doc,
      `${policy.payor[0]?.display ?? ''} - policy ${policy.identifier?.[0]?.value ?? ''}`,
      [
        policy.subscriberId ? `member ${policy.subscriberId}` : '',
        `from ${dayOf(policy.period?.start)}${policy.period?.end ? ` to ${dayOf(policy.period.end)}` : ''}`,
      ]
        .filter(Boolean)
        .join(' - '),
    );
  }
  const decisions = new Map(
    byType<ClaimResponse>(resources, 'ClaimResponse').map((response) => [response.request?.reference, response]),
  );
  for (const claim of claims) {
    const decision = decisions.get(`Claim/${claim.id}`);
    line(
      doc,
      `${dayOf(claim.created)} - claim to ${claim.insurer?.display ?? ''} for ${amount(claim.total)}`,
      [
        `invoice ${claim.identifier?.[0]?.value ?? ''}`,
        decision ? decision.disposition : claim.status === 'draft' ? 'not sent yet' : 'waiting for the insurer',
        decision?.payment ? `paid ${amount(decision.payment.amount)}` : '',
      ]
        .filter(Boolean)
        .join(' - '),
    );
  }
}

const amount = (money: Money | undefined): string =>
  money?.value === undefined ? '' : `${money.value.toFixed(2)} ${money.currency ?? ''}`.trim();
