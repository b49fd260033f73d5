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

export const CHRONIC_CONDITIONS = [
  { condition: 'Hypertension', medication: 'Lisinopril 10 mg once daily' },
  { condition: 'Type 2 diabetes mellitus', medication: 'Metformin 500 mg twice daily' },
  { condition: 'Asthma', medication: 'Salbutamol inhaler as needed' },
  { condition: 'Hypothyroidism', medication: 'Levothyroxine 50 mcg once daily' },
  { condition: 'Migraine', medication: 'Sumatriptan 50 mg as needed' },
  { condition: 'Hyperlipidemia', medication: 'Atorvastatin 20 mg once daily' },
  { condition: 'Osteoarthritis', medication: 'Paracetamol 1 g up to three times daily' },
  { condition: 'Gastroesophageal reflux disease', medication: 'Omeprazole 20 mg once daily' },
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
  'Blue Cross',
] as const;

export const VISIT_REASONS = [
  'Persistent cough',
  'Annual check-up',
  'Follow-up on blood test results',
  'Back pain',
  'Headaches',
  'Skin rash',
  'Chest tightness when climbing stairs',
  'Medication review',
  'Fatigue',
  'Joint pain',
  'Sore throat and fever',
  'Blood pressure check',
] as const;

export const CANCELLATION_REASONS = [
  'Patient unwell',
  'Schedule conflict',
  'Feeling better',
  'Travel',
  'Rebooked with another doctor',
] as const;

export const DIAGNOSES = [
  {
    code: 'J06.9',
    description: 'Acute upper respiratory infection, unspecified',
    symptoms: ['Cough', 'Sore throat', 'Runny nose'],
  },
  { code: 'I10', description: 'Essential (primary) hypertension', symptoms: ['Headache', 'Dizziness'] },
  { code: 'E11.9', description: 'Type 2 diabetes mellitus without complications', symptoms: ['Thirst', 'Fatigue'] },
  { code: 'M54.5', description: 'Low back pain', symptoms: ['Back pain', 'Stiffness'] },
  { code: 'R51', description: 'Headache', symptoms: ['Headache', 'Light sensitivity'] },
  { code: 'L30.9', description: 'Dermatitis, unspecified', symptoms: ['Itching', 'Rash'] },
  { code: 'J45.909', description: 'Unspecified asthma, uncomplicated', symptoms: ['Wheezing', 'Shortness of breath'] },
  {
    code: 'K21.9',
    description: 'Gastro-esophageal reflux disease without esophagitis',
    symptoms: ['Heartburn', 'Regurgitation'],
  },
  { code: 'M17.11', description: 'Unilateral primary osteoarthritis, right knee', symptoms: ['Knee pain', 'Swelling'] },
  { code: 'F41.1', description: 'Generalized anxiety disorder', symptoms: ['Restlessness', 'Poor sleep'] },
  { code: 'E03.9', description: 'Hypothyroidism, unspecified', symptoms: ['Fatigue', 'Weight gain'] },
  {
    code: 'N39.0',
    description: 'Urinary tract infection, site not specified',
    symptoms: ['Painful urination', 'Frequency'],
  },
] as const;

export const MEDICATIONS = [
  { medication: 'Amoxicillin', dosage: '500 mg', frequency: 'three times daily', days: [5, 7, 10] },
  { medication: 'Ibuprofen', dosage: '400 mg', frequency: 'every 8 hours with food', days: [3, 5, 7] },
  { medication: 'Lisinopril', dosage: '10 mg', frequency: 'once daily', days: [30, 90] },
  { medication: 'Metformin', dosage: '500 mg', frequency: 'twice daily', days: [30, 90] },
  { medication: 'Omeprazole', dosage: '20 mg', frequency: 'once daily before breakfast', days: [14, 28] },
  { medication: 'Cetirizine', dosage: '10 mg', frequency: 'once daily', days: [7, 14, 30] },
  {
    medication: 'Salbutamol inhaler',
    dosage: '100 mcg, 2 puffs',
    frequency: 'as needed, up to 4 times daily',
    days: [30, 60],
  },
  { medication: 'Hydrocortisone cream 1%', dosage: 'thin layer', frequency: 'twice daily', days: [7, 14] },
  { medication: 'Nitrofurantoin', dosage: '100 mg', frequency: 'twice daily', days: [5, 7] },
  { medication: 'Sertraline', dosage: '50 mg', frequency: 'once daily', days: [30, 90] },
] as const;

export const INSTRUCTIONS = [
  'Take with food',
  'Avoid alcohol',
  'Complete the full course',
  'May cause drowsiness',
  undefined,
  undefined,
] as const;

export const NOTE_TEMPLATES = [
  'Patient reports symptoms for several days. Examination unremarkable apart from findings noted. Advised rest and fluids.',
  'Reviewed history and current medication. Discussed lifestyle measures. Return if symptoms worsen.',
  'Findings consistent with the working diagnosis. Plan explained; patient agrees with the plan.',
  'Stable since last visit. Continue current treatment and monitor.',
] as const;
