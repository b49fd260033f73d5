/**
 * What the demo clinic's visits are about: each specialty's usual diagnoses (ICD-10, as the
 * dashboards' code look-up names them), who they fit, the patient's words when booking, and the
 * medicines that treat them. Realistic building blocks for demo data, not a clinical reference.
 */
import type { SPECIALIZATIONS } from './clinical-vocabulary.js';

export type Specialization = (typeof SPECIALIZATIONS)[number];
export type Sex = 'female' | 'male';

/** Who a diagnosis or a specialty fits. */
export interface Fits {
  readonly minAge?: number;
  readonly maxAge?: number;
  readonly sex?: Sex;
}

/** One medicine as a prescription item writes it. */
export interface Medicine {
  readonly medication: string;
  readonly dosage: string;
  readonly frequency: string;
  /** Courses it is prescribed for, in days. */
  readonly days: readonly number[];
  readonly instructions?: string;
}

/** A medicine in an adult's form (from 12 years) and, where children take it, a child's. */
interface FormularyEntry {
  readonly adult?: Medicine;
  readonly child?: Medicine;
}

/** The age from which the adult form of a medicine is given. */
export const ADULT_DOSE_AGE = 12;

export const FORMULARY = {
  paracetamol: {
    adult: { medication: 'Paracetamol 500 mg', dosage: '2 tablets', frequency: 'up to four times daily', days: [3, 5] },
    child: {
      medication: 'Paracetamol oral suspension 120 mg/5 ml',
      dosage: '15 mg/kg',
      frequency: 'every 6 hours as needed',
      days: [3],
    },
  },
  ibuprofen: {
    adult: {
      medication: 'Ibuprofen 400 mg',
      dosage: '1 tablet',
      frequency: 'three times daily',
      days: [3, 5, 7],
      instructions: 'Take with food',
    },
    child: {
      medication: 'Ibuprofen oral suspension 100 mg/5 ml',
      dosage: '10 mg/kg',
      frequency: 'three times daily',
      days: [3],
      instructions: 'Take with food',
    },
  },
  amoxicillin: {
    adult: {
      medication: 'Amoxicillin 500 mg',
      dosage: '1 capsule',
      frequency: 'three times daily',
      days: [5, 7],
      instructions: 'Complete the full course',
    },
    child: {
      medication: 'Amoxicillin oral suspension 250 mg/5 ml',
      dosage: '30 mg/kg',
      frequency: 'twice daily',
      days: [5, 7],
      instructions: 'Complete the full course',
    },
  },
  lisinopril: { adult: { medication: 'Lisinopril 10 mg', dosage: '1 tablet', frequency: 'once daily', days: [90] } },
  amlodipine: { adult: { medication: 'Amlodipine 5 mg', dosage: '1 tablet', frequency: 'once daily', days: [90] } },
  bisoprolol: { adult: { medication: 'Bisoprolol 2.5 mg', dosage: '1 tablet', frequency: 'once daily', days: [90] } },
  apixaban: {
    adult: {
      medication: 'Apixaban 5 mg',
      dosage: '1 tablet',
      frequency: 'twice daily',
      days: [90],
      instructions: 'Do not stop without advice',
    },
  },
  atorvastatin: {
    adult: { medication: 'Atorvastatin 20 mg', dosage: '1 tablet', frequency: 'once daily in the evening', days: [90] },
  },
  aspirin: {
    adult: {
      medication: 'Aspirin 75 mg',
      dosage: '1 tablet',
      frequency: 'once daily',
      days: [90],
      instructions: 'Take with food',
    },
  },
  metformin: {
    adult: {
      medication: 'Metformin 500 mg',
      dosage: '1 tablet',
      frequency: 'twice daily',
      days: [90],
      instructions: 'Take with meals',
    },
  },
  levothyroxine: {
    adult: {
      medication: 'Levothyroxine 50 mcg',
      dosage: '1 tablet',
      frequency: 'once daily, 30 minutes before breakfast',
      days: [90],
    },
  },
  naproxen: {
    adult: {
      medication: 'Naproxen 500 mg',
      dosage: '1 tablet',
      frequency: 'twice daily',
      days: [7, 14],
      instructions: 'Take with food',
    },
  },
  diclofenacGel: {
    adult: {
      medication: 'Diclofenac gel 1%',
      dosage: 'apply to the painful joint',
      frequency: 'three times daily',
      days: [14, 28],
    },
  },
  colchicine: {
    adult: { medication: 'Colchicine 500 mcg', dosage: '1 tablet', frequency: 'twice daily', days: [5] },
  },
  amitriptyline: {
    adult: {
      medication: 'Amitriptyline 10 mg',
      dosage: '1 tablet',
      frequency: 'at night',
      days: [30],
      instructions: 'May cause drowsiness',
    },
  },
  sumatriptan: {
    adult: {
      medication: 'Sumatriptan 50 mg',
      dosage: '1 tablet',
      frequency: 'at the start of a migraine; once more after 2 hours at most',
      days: [30],
    },
  },
  hydrocortisoneCream: {
    adult: { medication: 'Hydrocortisone cream 1%', dosage: 'thin layer', frequency: 'twice daily', days: [7, 14] },
    child: { medication: 'Hydrocortisone cream 1%', dosage: 'thin layer', frequency: 'once daily', days: [7] },
  },
  emollient: {
    adult: { medication: 'Emollient cream', dosage: 'apply liberally', frequency: 'three times daily', days: [30] },
    child: { medication: 'Emollient cream', dosage: 'apply liberally', frequency: 'three times daily', days: [30] },
  },
  benzoylPeroxide: {
    adult: {
      medication: 'Benzoyl peroxide gel 5%',
      dosage: 'thin layer',
      frequency: 'once daily at night',
      days: [60],
    },
  },
  terbinafineCream: {
    adult: { medication: 'Terbinafine cream 1%', dosage: 'thin layer', frequency: 'twice daily', days: [14] },
  },
  salbutamol: {
    adult: {
      medication: 'Salbutamol inhaler 100 mcg',
      dosage: '2 puffs',
      frequency: 'as needed, up to four times daily',
      days: [60],
    },
    child: {
      medication: 'Salbutamol inhaler 100 mcg',
      dosage: '2 puffs through a spacer',
      frequency: 'as needed, up to four times daily',
      days: [60],
    },
  },
  beclometasone: {
    adult: { medication: 'Beclometasone inhaler 100 mcg', dosage: '2 puffs', frequency: 'twice daily', days: [60] },
    child: {
      medication: 'Beclometasone inhaler 50 mcg',
      dosage: '2 puffs through a spacer',
      frequency: 'twice daily',
      days: [60],
    },
  },
  tiotropium: {
    adult: {
      medication: 'Tiotropium inhaler 18 mcg',
      dosage: '1 capsule, inhaled',
      frequency: 'once daily',
      days: [90],
    },
  },
  omeprazole: {
    adult: {
      medication: 'Omeprazole 20 mg',
      dosage: '1 capsule',
      frequency: 'once daily before breakfast',
      days: [28],
    },
  },
  mebeverine: {
    adult: {
      medication: 'Mebeverine 135 mg',
      dosage: '1 tablet',
      frequency: 'three times daily before meals',
      days: [28],
    },
  },
  macrogol: {
    adult: { medication: 'Macrogol oral powder', dosage: '1 sachet in water', frequency: 'once daily', days: [14] },
  },
  sertraline: {
    adult: { medication: 'Sertraline 50 mg', dosage: '1 tablet', frequency: 'once daily', days: [30, 90] },
  },
  chloramphenicolDrops: {
    adult: {
      medication: 'Chloramphenicol 0.5% eye drops',
      dosage: '1 drop in the affected eye',
      frequency: 'every 2 hours for 2 days, then four times daily',
      days: [5],
    },
    child: {
      medication: 'Chloramphenicol 0.5% eye drops',
      dosage: '1 drop in the affected eye',
      frequency: 'every 2 hours for 2 days, then four times daily',
      days: [5],
    },
  },
  mometasoneSpray: {
    adult: {
      medication: 'Mometasone nasal spray 50 mcg',
      dosage: '2 sprays in each nostril',
      frequency: 'once daily',
      days: [30],
    },
    child: {
      medication: 'Mometasone nasal spray 50 mcg',
      dosage: '1 spray in each nostril',
      frequency: 'once daily',
      days: [30],
    },
  },
  cetirizine: {
    adult: { medication: 'Cetirizine 10 mg', dosage: '1 tablet', frequency: 'once daily', days: [14, 30] },
    child: { medication: 'Cetirizine oral solution 1 mg/ml', dosage: '5 ml', frequency: 'once daily', days: [14] },
  },
  nitrofurantoin: {
    adult: {
      medication: 'Nitrofurantoin 100 mg',
      dosage: '1 capsule',
      frequency: 'twice daily',
      days: [3, 5],
      instructions: 'Take with food',
    },
  },
  clotrimazole: {
    adult: { medication: 'Clotrimazole vaginal cream 2%', dosage: '1 applicator', frequency: 'at night', days: [3] },
  },
  folicAcid: {
    adult: { medication: 'Folic acid 400 mcg', dosage: '1 tablet', frequency: 'once daily', days: [90] },
  },
  oliveOilDrops: {
    adult: { medication: 'Olive oil ear drops', dosage: '2 drops in the ear', frequency: 'twice daily', days: [7] },
    child: { medication: 'Olive oil ear drops', dosage: '2 drops in the ear', frequency: 'twice daily', days: [7] },
  },
} as const satisfies Record<string, FormularyEntry>;

export type Treatment = keyof typeof FORMULARY;

/** The longest course the formulary prescribes, in days. */
export const LONGEST_COURSE_DAYS = Math.max(
  ...Object.values(FORMULARY as Record<string, FormularyEntry>).flatMap((entry) => [
    ...(entry.adult?.days ?? []),
    ...(entry.child?.days ?? []),
  ]),
);

/** The form of a medicine a patient of this age takes; undefined when it is not given at that age. */
export function medicineFor(treatment: Treatment, age: number): Medicine | undefined {
  const entry: FormularyEntry = FORMULARY[treatment];
  return age >= ADULT_DOSE_AGE ? entry.adult : entry.child;
}

export interface Diagnosis extends Fits {
  readonly code: string;
  readonly description: string;
  readonly symptoms: readonly string[];
  /** What the patient writes when booking. */
  readonly reason: string;
  readonly specialties: readonly Specialization[];
  /** Medicines that treat it, first-line first; none for a check-up or what needs no medicine. */
  readonly treatments: readonly Treatment[];
  /** An infection: the visit often finds a fever. */
  readonly febrile?: boolean;
}

export const DIAGNOSES: readonly Diagnosis[] = [
  {
    code: 'J06.9',
    description: 'Acute upper respiratory infection, unspecified',
    symptoms: ['Cough', 'Sore throat', 'Runny nose'],
    reason: 'Cough and a runny nose for a week',
    specialties: ['General Practice', 'Pediatrics', 'Otolaryngology'],
    treatments: ['paracetamol'],
    febrile: true,
  },
  {
    code: 'J02.9',
    description: 'Acute pharyngitis, unspecified',
    symptoms: ['Sore throat', 'Painful swallowing'],
    reason: 'Sore throat and fever',
    specialties: ['General Practice', 'Otolaryngology'],
    minAge: 3,
    treatments: ['ibuprofen', 'paracetamol'],
    febrile: true,
  },
  {
    code: 'H66.90',
    description: 'Otitis media, unspecified',
    symptoms: ['Ear pain', 'Fever'],
    reason: 'Ear ache since the weekend',
    specialties: ['Pediatrics', 'Otolaryngology', 'General Practice'],
    maxAge: 12,
    treatments: ['amoxicillin', 'ibuprofen'],
    febrile: true,
  },
  {
    code: 'Z00.129',
    description: 'Routine child health examination without abnormal findings',
    symptoms: [],
    reason: 'Check-up and vaccinations',
    specialties: ['Pediatrics'],
    maxAge: 17,
    treatments: [],
  },
  {
    code: 'Z00.00',
    description: 'General adult medical examination without abnormal findings',
    symptoms: [],
    reason: 'Annual check-up',
    specialties: ['General Practice'],
    minAge: 18,
    treatments: [],
  },
  {
    code: 'I10',
    description: 'Essential (primary) hypertension',
    symptoms: ['Headache', 'Dizziness'],
    reason: 'Blood pressure check',
    specialties: ['General Practice', 'Cardiology'],
    minAge: 30,
    treatments: ['lisinopril', 'amlodipine'],
  },
  {
    code: 'I48.91',
    description: 'Unspecified atrial fibrillation',
    symptoms: ['Palpitations', 'Shortness of breath'],
    reason: 'My heart races and skips beats',
    specialties: ['Cardiology'],
    minAge: 50,
    treatments: ['bisoprolol', 'apixaban'],
  },
  {
    code: 'I25.10',
    description: 'Atherosclerotic heart disease of native coronary artery',
    symptoms: ['Chest tightness on exertion'],
    reason: 'Chest tightness when climbing stairs',
    specialties: ['Cardiology'],
    minAge: 45,
    treatments: ['aspirin', 'atorvastatin'],
  },
  {
    code: 'R07.9',
    description: 'Chest pain, unspecified',
    symptoms: ['Chest pain'],
    reason: 'Chest pain, comes and goes',
    specialties: ['Cardiology', 'General Practice'],
    minAge: 25,
    treatments: [],
  },
  {
    code: 'E78.5',
    description: 'Hyperlipidaemia, unspecified',
    symptoms: [],
    reason: 'Follow-up on blood test results',
    specialties: ['General Practice', 'Cardiology', 'Endocrinology'],
    minAge: 30,
    treatments: ['atorvastatin'],
  },
  {
    code: 'E11.9',
    description: 'Type 2 diabetes mellitus without complications',
    symptoms: ['Thirst', 'Fatigue'],
    reason: 'Diabetes review',
    specialties: ['General Practice', 'Endocrinology'],
    minAge: 30,
    treatments: ['metformin'],
  },
  {
    code: 'E03.9',
    description: 'Hypothyroidism, unspecified',
    symptoms: ['Fatigue', 'Weight gain'],
    reason: 'Tired all the time',
    specialties: ['Endocrinology', 'General Practice'],
    minAge: 18,
    treatments: ['levothyroxine'],
  },
  {
    code: 'E66.9',
    description: 'Obesity, unspecified',
    symptoms: ['Weight gain'],
    reason: 'Advice on losing weight',
    specialties: ['Endocrinology'],
    minAge: 18,
    treatments: [],
  },
  {
    code: 'M54.5',
    description: 'Low back pain',
    symptoms: ['Back pain', 'Stiffness'],
    reason: 'Back pain',
    specialties: ['General Practice', 'Orthopedics'],
    minAge: 16,
    treatments: ['naproxen', 'paracetamol'],
  },
  {
    code: 'M17.9',
    description: 'Osteoarthritis of knee, unspecified',
    symptoms: ['Knee pain', 'Stiffness'],
    reason: 'Knee pain on stairs',
    specialties: ['Orthopedics', 'Rheumatology'],
    minAge: 45,
    treatments: ['paracetamol', 'diclofenacGel'],
  },
  {
    code: 'S93.401A',
    description: 'Sprain of unspecified ligament of right ankle, initial encounter',
    symptoms: ['Ankle pain', 'Swelling'],
    reason: 'Twisted my ankle',
    specialties: ['Orthopedics', 'General Practice'],
    minAge: 6,
    treatments: ['ibuprofen'],
  },
  {
    code: 'M75.100',
    description: 'Rotator cuff tear, unspecified shoulder',
    symptoms: ['Shoulder pain', 'Weakness lifting the arm'],
    reason: 'Shoulder pain at night',
    specialties: ['Orthopedics'],
    minAge: 40,
    treatments: ['naproxen'],
  },
  {
    code: 'M10.9',
    description: 'Gout, unspecified',
    symptoms: ['Joint pain', 'Swelling'],
    reason: 'Swollen, painful big toe',
    specialties: ['Rheumatology', 'General Practice'],
    minAge: 35,
    treatments: ['colchicine'],
  },
  {
    code: 'M79.7',
    description: 'Fibromyalgia',
    symptoms: ['Widespread pain', 'Fatigue', 'Poor sleep'],
    reason: 'Aching all over',
    specialties: ['Rheumatology'],
    minAge: 25,
    treatments: ['amitriptyline'],
  },
  {
    code: 'G43.909',
    description: 'Migraine, unspecified, not intractable',
    symptoms: ['Headache', 'Light sensitivity', 'Nausea'],
    reason: 'Headaches',
    specialties: ['Neurology', 'General Practice'],
    minAge: 12,
    treatments: ['sumatriptan'],
  },
  {
    code: 'R51',
    description: 'Headache',
    symptoms: ['Headache'],
    reason: 'Headaches',
    specialties: ['Neurology', 'General Practice'],
    minAge: 6,
    treatments: ['paracetamol'],
  },
  {
    code: 'G56.00',
    description: 'Carpal tunnel syndrome, unspecified upper limb',
    symptoms: ['Tingling fingers', 'Numbness at night'],
    reason: 'Numb fingers at night',
    specialties: ['Neurology', 'Orthopedics'],
    minAge: 30,
    treatments: ['ibuprofen'],
  },
  {
    code: 'L30.9',
    description: 'Dermatitis, unspecified',
    symptoms: ['Itching', 'Rash'],
    reason: 'Skin rash',
    specialties: ['Dermatology', 'General Practice'],
    treatments: ['hydrocortisoneCream', 'emollient'],
  },
  {
    code: 'L20.9',
    description: 'Atopic dermatitis, unspecified',
    symptoms: ['Itching', 'Dry skin'],
    reason: 'Eczema flaring up',
    specialties: ['Dermatology', 'Pediatrics'],
    treatments: ['emollient', 'hydrocortisoneCream'],
  },
  {
    code: 'L70.0',
    description: 'Acne vulgaris',
    symptoms: ['Spots'],
    reason: 'Acne',
    specialties: ['Dermatology'],
    minAge: 12,
    maxAge: 35,
    treatments: ['benzoylPeroxide'],
  },
  {
    code: 'B35.3',
    description: 'Tinea pedis',
    symptoms: ['Itching', 'Cracked skin between the toes'],
    reason: 'Itchy feet',
    specialties: ['Dermatology', 'General Practice'],
    minAge: 10,
    treatments: ['terbinafineCream'],
  },
  {
    code: 'J45.909',
    description: 'Unspecified asthma, uncomplicated',
    symptoms: ['Wheezing', 'Shortness of breath'],
    reason: 'Wheezing at night',
    specialties: ['Pulmonology', 'Pediatrics', 'General Practice'],
    minAge: 4,
    treatments: ['salbutamol', 'beclometasone'],
  },
  {
    code: 'J44.9',
    description: 'Chronic obstructive pulmonary disease, unspecified',
    symptoms: ['Shortness of breath', 'Cough'],
    reason: 'Breathless when walking',
    specialties: ['Pulmonology'],
    minAge: 45,
    treatments: ['tiotropium', 'salbutamol'],
  },
  {
    code: 'J30.9',
    description: 'Allergic rhinitis, unspecified',
    symptoms: ['Sneezing', 'Blocked nose'],
    reason: 'Hay fever',
    specialties: ['Otolaryngology', 'General Practice', 'Pediatrics'],
    minAge: 4,
    treatments: ['cetirizine', 'mometasoneSpray'],
  },
  {
    code: 'J32.9',
    description: 'Chronic sinusitis, unspecified',
    symptoms: ['Blocked nose', 'Facial pressure'],
    reason: 'Blocked nose for months',
    specialties: ['Otolaryngology'],
    minAge: 16,
    treatments: ['mometasoneSpray'],
  },
  {
    code: 'H61.20',
    description: 'Impacted cerumen, unspecified ear',
    symptoms: ['Muffled hearing'],
    reason: 'Blocked ear',
    specialties: ['Otolaryngology'],
    treatments: ['oliveOilDrops'],
  },
  {
    code: 'K21.9',
    description: 'Gastro-oesophageal reflux disease without oesophagitis',
    symptoms: ['Heartburn', 'Regurgitation'],
    reason: 'Heartburn after meals',
    specialties: ['Gastroenterology', 'General Practice'],
    minAge: 16,
    treatments: ['omeprazole'],
  },
  {
    code: 'K58.9',
    description: 'Irritable bowel syndrome without diarrhoea',
    symptoms: ['Abdominal pain', 'Bloating'],
    reason: 'Stomach cramps and bloating',
    specialties: ['Gastroenterology'],
    minAge: 16,
    treatments: ['mebeverine'],
  },
  {
    code: 'K59.00',
    description: 'Constipation, unspecified',
    symptoms: ['Constipation'],
    reason: 'Constipation',
    specialties: ['Gastroenterology'],
    minAge: 16,
    treatments: ['macrogol'],
  },
  {
    code: 'F41.1',
    description: 'Generalized anxiety disorder',
    symptoms: ['Restlessness', 'Poor sleep'],
    reason: 'Anxious, sleeping badly',
    specialties: ['Psychiatry', 'General Practice'],
    minAge: 16,
    treatments: ['sertraline'],
  },
  {
    code: 'F32.9',
    description: 'Major depressive disorder, single episode, unspecified',
    symptoms: ['Low mood', 'Poor sleep'],
    reason: 'Low mood',
    specialties: ['Psychiatry'],
    minAge: 16,
    treatments: ['sertraline'],
  },
  {
    code: 'G47.00',
    description: 'Insomnia, unspecified',
    symptoms: ['Poor sleep'],
    reason: 'Cannot sleep',
    specialties: ['Psychiatry'],
    minAge: 18,
    treatments: [],
  },
  {
    code: 'H10.9',
    description: 'Conjunctivitis, unspecified',
    symptoms: ['Red eye', 'Discharge'],
    reason: 'Red, sticky eye',
    specialties: ['Ophthalmology', 'General Practice', 'Pediatrics'],
    minAge: 2,
    treatments: ['chloramphenicolDrops'],
  },
  {
    code: 'H52.4',
    description: 'Presbyopia',
    symptoms: ['Blurred near vision'],
    reason: 'Struggling to read small print',
    specialties: ['Ophthalmology'],
    minAge: 42,
    treatments: [],
  },
  {
    code: 'N39.0',
    description: 'Urinary tract infection, site not specified',
    symptoms: ['Painful urination', 'Frequency'],
    reason: 'Burning when passing urine',
    specialties: ['General Practice', 'Obstetrics and Gynecology'],
    minAge: 16,
    sex: 'female',
    treatments: ['nitrofurantoin'],
    febrile: true,
  },
  {
    code: 'N94.6',
    description: 'Dysmenorrhoea, unspecified',
    symptoms: ['Period pain'],
    reason: 'Painful periods',
    specialties: ['Obstetrics and Gynecology'],
    minAge: 14,
    maxAge: 50,
    sex: 'female',
    treatments: ['ibuprofen'],
  },
  {
    code: 'Z34.90',
    description: 'Supervision of normal pregnancy, unspecified trimester',
    symptoms: [],
    reason: 'Pregnancy check',
    specialties: ['Obstetrics and Gynecology'],
    minAge: 18,
    maxAge: 42,
    sex: 'female',
    treatments: ['folicAcid'],
  },
  {
    code: 'B37.3',
    description: 'Candidiasis of vulva and vagina',
    symptoms: ['Itching', 'Discharge'],
    reason: 'Itching and discharge',
    specialties: ['Obstetrics and Gynecology'],
    minAge: 16,
    sex: 'female',
    treatments: ['clotrimazole'],
  },
];

/** Whom each specialty sees, besides what its diagnoses fit. */
export const SPECIALTY_PATIENTS: Partial<Record<Specialization, Fits>> = {
  Pediatrics: { maxAge: 17 },
  'Obstetrics and Gynecology': { sex: 'female', minAge: 14 },
  // Adult services: a teenager with low mood or a heart murmur goes to paediatrics or the GP.
  Psychiatry: { minAge: 18 },
  Cardiology: { minAge: 18 },
  Rheumatology: { minAge: 18 },
  Endocrinology: { minAge: 18 },
};

/** Why a patient lies in a bed of a department with this specialty, and whom it fits. */
export interface AdmissionReason extends Fits {
  readonly specialty: Specialization;
  readonly reason: string;
}

export const ADMISSION_REASONS: readonly AdmissionReason[] = [
  { specialty: 'General Practice', reason: 'Community-acquired pneumonia', minAge: 18 },
  { specialty: 'General Practice', reason: 'Cellulitis of the leg', minAge: 18 },
  { specialty: 'Endocrinology', reason: 'Very high blood sugar, diabetes out of control', minAge: 30 },
  { specialty: 'Gastroenterology', reason: 'Upper gastrointestinal bleeding', minAge: 30 },
  { specialty: 'Gastroenterology', reason: 'Dehydration after gastroenteritis', minAge: 18 },
  { specialty: 'Rheumatology', reason: 'Acute gout in several joints', minAge: 40 },
  { specialty: 'Cardiology', reason: 'Chest pain, for observation', minAge: 30 },
  { specialty: 'Cardiology', reason: 'Atrial fibrillation with a fast heart rate', minAge: 50 },
  { specialty: 'Cardiology', reason: 'Worsening heart failure', minAge: 60 },
  { specialty: 'Pulmonology', reason: 'Exacerbation of COPD', minAge: 50 },
  { specialty: 'Pulmonology', reason: 'Severe asthma attack', minAge: 12 },
  { specialty: 'Pediatrics', reason: 'Bronchiolitis', maxAge: 2 },
  { specialty: 'Pediatrics', reason: 'Dehydration after gastroenteritis', maxAge: 17 },
  { specialty: 'Pediatrics', reason: 'Febrile seizure, for observation', maxAge: 5 },
  { specialty: 'Pediatrics', reason: 'Appendicitis, for surgery', minAge: 5, maxAge: 17 },
  { specialty: 'Obstetrics and Gynecology', reason: 'Labour and delivery', sex: 'female', minAge: 18, maxAge: 42 },
  {
    specialty: 'Obstetrics and Gynecology',
    reason: 'Pre-eclampsia, for monitoring',
    sex: 'female',
    minAge: 18,
    maxAge: 42,
  },
  { specialty: 'Neurology', reason: 'Stroke, for monitoring', minAge: 50 },
  { specialty: 'Neurology', reason: 'First seizure, for investigation', minAge: 18 },
  { specialty: 'Psychiatry', reason: 'Severe depression', minAge: 18 },
  { specialty: 'Orthopedics', reason: 'Hip fracture, for surgery', minAge: 65 },
  { specialty: 'Orthopedics', reason: 'Knee replacement', minAge: 55 },
  { specialty: 'Orthopedics', reason: 'Forearm fracture, for surgery', minAge: 6 },
  { specialty: 'Dermatology', reason: 'Cellulitis of the leg', minAge: 18 },
  { specialty: 'Dermatology', reason: 'Severe eczema flare', minAge: 1 },
  { specialty: 'Ophthalmology', reason: 'Cataract surgery', minAge: 60 },
  { specialty: 'Otolaryngology', reason: 'Tonsillectomy', minAge: 4 },
  { specialty: 'Otolaryngology', reason: 'Abscess behind the tonsil', minAge: 12 },
];
