/** Realistic building blocks for the demo data. Not a clinical reference. */

export const SPECIALIZATIONS = [
  'General Practice',
  'Cardiology',
  'Dermatology',
  'Pediatrics',
  'Orthopedics',
  'Neurology',
  'Endocrinology',
  'Gastroenterology',
  'Psychiatry',
  'Ophthalmology',
  'Otolaryngology',
  'Pulmonology',
  'Obstetrics and Gynecology',
  'Rheumatology',
] as const;

export const TIMEZONES = [
  'Europe/Berlin',
  'Europe/Berlin',
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
] as const;

export const QUALIFICATIONS = ['MD', 'PhD', 'FACP', 'MRCP', 'Board certified', 'FRCS', 'MPH'] as const;

export const ALLERGIES = [
  'Penicillin',
  'Peanuts',
  'Latex',
  'Sulfonamides',
  'Shellfish',
  'Aspirin',
  'Pollen',
  'Dust mites',
  'Ibuprofen',
  'Eggs',
] as const;

/**
 * Long-term conditions a patient's history may list, from the age they become plausible, with the
 * medication the patient takes for it and the diagnosis a visit about it records.
 */
export const CHRONIC_CONDITIONS = [
  { condition: 'Hypertension', medication: 'Lisinopril 10 mg once daily', minAge: 35, code: 'I10' },
  { condition: 'Type 2 diabetes mellitus', medication: 'Metformin 500 mg twice daily', minAge: 35, code: 'E11.9' },
  { condition: 'Asthma', medication: 'Salbutamol inhaler as needed', minAge: 4, code: 'J45.909' },
  { condition: 'Hypothyroidism', medication: 'Levothyroxine 50 mcg once daily', minAge: 20, code: 'E03.9' },
  { condition: 'Migraine', medication: 'Sumatriptan 50 mg as needed', minAge: 12, code: 'G43.909' },
  { condition: 'Hyperlipidemia', medication: 'Atorvastatin 20 mg once daily', minAge: 35, code: 'E78.5' },
  { condition: 'Osteoarthritis', medication: 'Paracetamol 1 g up to three times daily', minAge: 50, code: 'M17.9' },
  {
    condition: 'Gastroesophageal reflux disease',
    medication: 'Omeprazole 20 mg once daily',
    minAge: 18,
    code: 'K21.9',
  },
] as const;

export const SURGERIES = [
  'Appendectomy',
  'Cholecystectomy',
  'Tonsillectomy',
  'Knee arthroscopy',
  'Cesarean section',
  'Hernia repair',
  'Cataract surgery',
] as const;

export const FAMILY_CONDITIONS = [
  'Heart disease',
  'Type 2 diabetes',
  'Breast cancer',
  'Stroke',
  'Hypertension',
  "Alzheimer's disease",
  'Colon cancer',
] as const;

export const RELATIONS = ['Mother', 'Father', 'Sister', 'Brother', 'Grandmother', 'Grandfather'] as const;

export const INSURERS = [
  'Allianz Care',
  'AOK',
  'Techniker Krankenkasse',
  'Bupa',
  'Aetna',
  'Cigna',
  // The demo's insurer with an API client of its own (demo-partners.ts): it sees and decides its claims.
  'Northern Health Insurance',
] as const;

export const CANCELLATION_REASONS = [
  'Patient unwell',
  'Schedule conflict',
  'Feeling better',
  'Travel',
  'Rebooked with another doctor',
] as const;

/** A visit's note, by what the visit was: a new problem, a review of a long-term one, a check-up. */
export const NOTE_TEMPLATES = {
  acute: [
    'Symptoms for several days. Examination unremarkable apart from the findings noted. Plan explained; return if worse.',
    'Findings consistent with the working diagnosis. Treatment as prescribed; patient agrees with the plan.',
  ],
  review: [
    'Reviewed history and current medication. Discussed lifestyle measures. Continue treatment and review in three months.',
    'Stable since the last visit. Continue current treatment and monitor.',
  ],
  checkUp: ['Examination normal. No concerns raised. Next routine check in a year.'],
} as const;
