import { describe, expect, it } from 'vitest';
import { renderPrescriptionPdf, type PrescriptionDocument } from './prescription-pdf.js';
import { parsePdf as parse } from '../../../test/pdf.js';

function sample(overrides: Partial<PrescriptionDocument> = {}): PrescriptionDocument {
  return {
    prescriptionId: '3f2b8c1e-9a4d-4e7b-b1c2-5d6e7f8a9b0c',
    // 23:30 UTC on 4 March is already 5 March in Warsaw.
    issuedAt: new Date('2025-03-04T23:30:00Z'),
    status: 'ACTIVE',
    clinicName: 'Riverside Family Health Clinic',
    patient: { firstName: 'Amelia', lastName: 'Thornton', dateOfBirth: '1984-07-12' },
    doctor: {
      firstName: 'Jonathan',
      lastName: 'Okafor',
      specialization: 'General Practice',
      licenseNumber: 'GMC-7741023',
      timezone: 'Europe/Warsaw',
    },
    items: [
      {
        medication: 'Amoxicillin',
        dosage: '500 mg',
        frequency: 'three times daily',
        durationDays: 7,
        instructions: 'Take with food.',
      },
      { medication: 'Ibuprofen', dosage: '400 mg', frequency: 'every 8 hours as needed', durationDays: 5 },
      { medication: 'Omeprazole', dosage: '20 mg', frequency: 'once daily', durationDays: 1, instructions: null },
    ],
    notes: 'Review in two weeks if symptoms persist.',
    ...overrides,
  };
}

/** Counts page objects the way a PDF reader would find them (uncompressed output only). */
function countPageObjects(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

describe('renderPrescriptionPdf', () => {
  it('renders a one-page PDF with the patient, prescriber, medications and signature', async () => {
    const pdf = await renderPrescriptionPdf(sample(), { compress: false });

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(countPageObjects(pdf)).toBe(1);

    const { numPages, text } = await parse(pdf);
    expect(numPages).toBe(1);
    expect(text).toContain('Riverside Family Health Clinic');
    expect(text).toContain('Prescription');
    expect(text).toContain('Amelia Thornton');
    expect(text).toContain('12 July 1984');
    expect(text).toContain('Dr Jonathan Okafor');
    expect(text).toContain('General Practice');
    expect(text).toContain('License no. GMC-7741023');
    expect(text).toContain('5 March 2025'); // the doctor's day, not UTC's 4 March
    for (const medication of ['Amoxicillin', 'Ibuprofen', 'Omeprazole']) {
      expect(text).toContain(medication);
    }
    expect(text).toContain('for 7 days');
    expect(text).toContain('for 1 day');
    expect(text).toContain('Take with food.');
    expect(text).toContain('Review in two weeks if symptoms persist.');
    expect(text).toContain('Signature');
    expect(text).toContain('3f2b8c1e-9a4d-4e7b-b1c2-5d6e7f8a9b0c');
    expect(text).not.toContain('DISCONTINUED');
    expect(text).not.toMatch(/more items?/);
  });

  it('compresses by default and still reads as one page', async () => {
    const pdf = await renderPrescriptionPdf(sample());

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    const { numPages, text } = await parse(pdf);
    expect(numPages).toBe(1);
    expect(text).toContain('Amelia Thornton');
  });

  it('names the doctor, not the patient, in the metadata', async () => {
    const { info } = await parse(await renderPrescriptionPdf(sample(), { compress: false }));

    expect(info.Title).toBe('Prescription');
    expect(info.Author).toBe('Dr Jonathan Okafor');
    expect(JSON.stringify(info)).not.toMatch(/Amelia|Thornton/);
  });

  it('keeps 15 items on the page in full', async () => {
    const items = Array.from({ length: 15 }, (_, index) => ({
      medication: `Medication ${index + 1}`,
      dosage: '250 mg',
      frequency: 'twice daily',
      durationDays: 10,
      instructions: 'Take after meals.',
    }));
    const pdf = await renderPrescriptionPdf(sample({ items }), { compress: false });

    expect(countPageObjects(pdf)).toBe(1);
    const { numPages, text } = await parse(pdf);
    expect(numPages).toBe(1);
    expect(text).toContain('Medication 15');
    expect(text).not.toMatch(/more items?/);
  });

  it('stays on one page with 40 items and points to the online record for the rest', async () => {
    const items = Array.from({ length: 40 }, (_, index) => ({
      medication: `Medication ${index + 1}`,
      dosage: '250 mg',
      frequency: 'twice daily',
      durationDays: 10,
      instructions: 'Take after meals with a full glass of water.',
    }));
    const pdf = await renderPrescriptionPdf(sample({ items }), { compress: false });

    expect(countPageObjects(pdf)).toBe(1);
    const { numPages, text } = await parse(pdf);
    expect(numPages).toBe(1);
    const more = /\+ (\d+) more items — see the online record/.exec(text);
    expect(more).not.toBeNull();
    const hidden = Number(more?.[1]);
    const shown = 40 - hidden;
    expect(shown).toBeGreaterThanOrEqual(10);
    const lines = text.split('\n');
    expect(lines).toContain(`Medication ${shown}`);
    expect(lines).not.toContain(`Medication ${shown + 1}`);
    expect(text).toContain('Signature');
  });

  it('wraps and cuts very long text instead of adding pages', async () => {
    const long = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40);
    const items = Array.from({ length: 12 }, (_, index) => ({
      medication: `Medication ${index + 1} ${'Supercalifragilistic'.repeat(6)}`,
      dosage: long,
      frequency: long,
      durationDays: 3650,
      instructions: long,
    }));
    const pdf = await renderPrescriptionPdf(
      sample({ clinicName: long, notes: `${long}\n\n${long}`, items, status: 'DISCONTINUED' }),
      { compress: false },
    );

    expect(countPageObjects(pdf)).toBe(1);
    const { numPages, text } = await parse(pdf);
    expect(numPages).toBe(1);
    expect(text).toContain('Signature');
    expect(text).toContain('DISCONTINUED');
  });

  it('marks a discontinued prescription', async () => {
    const pdf = await renderPrescriptionPdf(sample({ status: 'DISCONTINUED' }), { compress: false });

    expect(countPageObjects(pdf)).toBe(1);
    const { text } = await parse(pdf);
    expect(text).toContain('DISCONTINUED');
    expect(text).toContain('must not be dispensed');
  });

  it('prints names outside the built-in fonts legibly and survives an unknown time zone', async () => {
    const pdf = await renderPrescriptionPdf(
      sample({
        patient: { firstName: 'Łucja', lastName: 'Sienkiewicz-Müller', dateOfBirth: '1990-01-31' },
        doctor: { ...sample().doctor, timezone: 'Not/AZone' },
      }),
      { compress: false },
    );

    const { text } = await parse(pdf);
    expect(text).toContain('Lucja Sienkiewicz-Müller');
    expect(text).toContain('4 March 2025 (UTC)');
  });
});
