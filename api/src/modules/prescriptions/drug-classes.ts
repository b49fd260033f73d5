/**
 * A curated table of drug classes for the allergy and duplicate-therapy checks.
 *
 * Source: WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD Index 2025
 * (https://atcddd.fhi.no/atc_ddd_index/), the ATC groups named on each class; member names are
 * the International Nonproprietary Names (INN) listed under those groups, with common brand
 * names and the US/UK spelling variants a prescriber types. Allergy terms per class follow the
 * allergen groups of the FDA drug labels ("penicillin allergy", "sulfa allergy", "NSAID/aspirin
 * hypersensitivity"). Cross-reactivity between classes (e.g. penicillins and cephalosporins,
 * about 1–2 %) is deliberately not assumed: each class alerts on itself.
 *
 * This table is a safety net, not a formulary: a medication it does not know is still checked
 * by name against the allergies and the active prescriptions.
 */
export interface DrugClass {
  /** Stable key, e.g. `penicillins`. */
  readonly key: string;
  /** Shown to the doctor, e.g. "Penicillins". */
  readonly label: string;
  /** The ATC group(s) the members come from. */
  readonly atc: readonly string[];
  /** Words a chart may use for an allergy to the whole class. */
  readonly allergyTerms: readonly string[];
  /** Generic (and a few brand) names of the members, lower case. */
  readonly members: readonly string[];
}

export const DRUG_CLASSES: readonly DrugClass[] = [
  {
    key: 'penicillins',
    label: 'Penicillins',
    atc: ['J01CA', 'J01CE', 'J01CF', 'J01CR'],
    allergyTerms: ['penicillin', 'penicillins', 'beta-lactam', 'beta lactam'],
    members: [
      'amoxicillin',
      'amoxycillin',
      'ampicillin',
      'pivampicillin',
      'bacampicillin',
      'benzylpenicillin',
      'penicillin g',
      'penicillin v',
      'phenoxymethylpenicillin',
      'flucloxacillin',
      'cloxacillin',
      'dicloxacillin',
      'oxacillin',
      'nafcillin',
      'piperacillin',
      'ticarcillin',
      'mecillinam',
      'pivmecillinam',
      'temocillin',
      'co-amoxiclav',
      'augmentin',
      'amoxil',
    ],
  },
  {
    key: 'cephalosporins',
    label: 'Cephalosporins',
    atc: ['J01DB', 'J01DC', 'J01DD', 'J01DE', 'J01DI'],
    allergyTerms: ['cephalosporin', 'cephalosporins'],
    members: [
      'cefalexin',
      'cephalexin',
      'cefazolin',
      'cefadroxil',
      'cefuroxime',
      'cefaclor',
      'cefoxitin',
      'cefprozil',
      'cefixime',
      'cefotaxime',
      'ceftriaxone',
      'ceftazidime',
      'cefpodoxime',
      'cefdinir',
      'cefepime',
      'ceftaroline',
      'ceftobiprole',
      'cefiderocol',
      'keflex',
    ],
  },
  {
    key: 'sulfonamides',
    label: 'Sulfonamide antibiotics',
    atc: ['J01EA', 'J01EB', 'J01EC', 'J01EE'],
    allergyTerms: ['sulfonamide', 'sulfonamides', 'sulphonamide', 'sulphonamides', 'sulfa', 'sulpha', 'sulfa drugs'],
    members: [
      'sulfamethoxazole',
      'sulphamethoxazole',
      'trimethoprim-sulfamethoxazole',
      'sulfamethoxazole-trimethoprim',
      'co-trimoxazole',
      'cotrimoxazole',
      'bactrim',
      'septra',
      'sulfadiazine',
      'sulfasalazine',
      'sulfisoxazole',
      'sulfadoxine',
    ],
  },
  {
    key: 'nsaids',
    label: 'NSAIDs',
    atc: ['M01AB', 'M01AC', 'M01AE', 'M01AG', 'M01AH', 'N02BA'],
    allergyTerms: ['nsaid', 'nsaids', 'non-steroidal anti-inflammatory', 'non-steroidal anti-inflammatory drugs'],
    members: [
      'aspirin',
      'acetylsalicylic acid',
      'ibuprofen',
      'naproxen',
      'diclofenac',
      'ketoprofen',
      'dexketoprofen',
      'flurbiprofen',
      'indometacin',
      'indomethacin',
      'ketorolac',
      'piroxicam',
      'meloxicam',
      'celecoxib',
      'etoricoxib',
      'mefenamic acid',
      'etodolac',
      'nabumetone',
      'advil',
      'nurofen',
      'motrin',
      'aleve',
      'voltaren',
    ],
  },
  {
    key: 'macrolides',
    label: 'Macrolides',
    atc: ['J01FA'],
    allergyTerms: ['macrolide', 'macrolides'],
    members: [
      'erythromycin',
      'clarithromycin',
      'azithromycin',
      'roxithromycin',
      'spiramycin',
      'telithromycin',
      'zithromax',
    ],
  },
  {
    key: 'fluoroquinolones',
    label: 'Fluoroquinolones',
    atc: ['J01MA'],
    allergyTerms: ['fluoroquinolone', 'fluoroquinolones', 'quinolone', 'quinolones'],
    members: [
      'ciprofloxacin',
      'levofloxacin',
      'moxifloxacin',
      'ofloxacin',
      'norfloxacin',
      'delafloxacin',
      'cipro',
      'levaquin',
    ],
  },
  {
    key: 'tetracyclines',
    label: 'Tetracyclines',
    atc: ['J01AA'],
    allergyTerms: ['tetracycline', 'tetracyclines'],
    members: ['tetracycline', 'doxycycline', 'minocycline', 'lymecycline', 'oxytetracycline', 'tigecycline'],
  },
  {
    key: 'statins',
    label: 'Statins (HMG-CoA reductase inhibitors)',
    atc: ['C10AA'],
    allergyTerms: ['statin', 'statins'],
    members: [
      'atorvastatin',
      'simvastatin',
      'rosuvastatin',
      'pravastatin',
      'lovastatin',
      'fluvastatin',
      'pitavastatin',
      'lipitor',
      'crestor',
      'zocor',
    ],
  },
  {
    key: 'ace-inhibitors',
    label: 'ACE inhibitors',
    atc: ['C09AA'],
    allergyTerms: ['ace inhibitor', 'ace inhibitors', 'ace-inhibitor', 'ace-inhibitors'],
    members: [
      'captopril',
      'enalapril',
      'lisinopril',
      'ramipril',
      'perindopril',
      'quinapril',
      'benazepril',
      'fosinopril',
      'trandolapril',
      'moexipril',
      'zofenopril',
    ],
  },
  {
    key: 'angiotensin-receptor-blockers',
    label: 'Angiotensin II receptor blockers',
    atc: ['C09CA'],
    allergyTerms: ['arb', 'arbs', 'angiotensin receptor blocker', 'angiotensin receptor blockers'],
    members: ['losartan', 'valsartan', 'candesartan', 'irbesartan', 'olmesartan', 'telmisartan', 'eprosartan'],
  },
  {
    key: 'beta-blockers',
    label: 'Beta blockers',
    atc: ['C07AA', 'C07AB', 'C07AG'],
    allergyTerms: ['beta blocker', 'beta blockers', 'beta-blocker', 'beta-blockers'],
    members: [
      'propranolol',
      'atenolol',
      'metoprolol',
      'bisoprolol',
      'carvedilol',
      'nebivolol',
      'labetalol',
      'sotalol',
      'nadolol',
    ],
  },
  {
    key: 'proton-pump-inhibitors',
    label: 'Proton pump inhibitors',
    atc: ['A02BC'],
    allergyTerms: ['proton pump inhibitor', 'proton pump inhibitors', 'ppi', 'ppis'],
    members: ['omeprazole', 'esomeprazole', 'lansoprazole', 'pantoprazole', 'rabeprazole', 'dexlansoprazole'],
  },
  {
    key: 'ssris',
    label: 'Selective serotonin reuptake inhibitors (SSRIs)',
    atc: ['N06AB'],
    allergyTerms: ['ssri', 'ssris'],
    members: ['fluoxetine', 'sertraline', 'citalopram', 'escitalopram', 'paroxetine', 'fluvoxamine'],
  },
  {
    key: 'opioids',
    label: 'Opioids',
    atc: ['N02AA', 'N02AB', 'N02AX', 'R05DA'],
    allergyTerms: ['opioid', 'opioids', 'opiate', 'opiates'],
    members: [
      'morphine',
      'codeine',
      'oxycodone',
      'hydromorphone',
      'hydrocodone',
      'fentanyl',
      'tramadol',
      'tapentadol',
      'pethidine',
      'meperidine',
      'methadone',
      'buprenorphine',
      'dihydrocodeine',
    ],
  },
];

/** Lower case, accents and punctuation to spaces, collapsed: "Co-Amoxiclav 625mg" → "co amoxiclav 625mg". */
export function normalizeDrugText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when `phrase` occurs in `text` as whole words (both normalized). */
function containsWords(text: string, phrase: string): boolean {
  return phrase.length > 0 && ` ${text} `.includes(` ${phrase} `);
}

interface IndexedClass extends DrugClass {
  readonly normalizedMembers: readonly string[];
  readonly normalizedTerms: readonly string[];
}

const INDEXED: readonly IndexedClass[] = DRUG_CLASSES.map((drugClass) => ({
  ...drugClass,
  normalizedMembers: drugClass.members.map(normalizeDrugText),
  normalizedTerms: drugClass.allergyTerms.map(normalizeDrugText),
}));

/** What the table knows of one medication as written, e.g. "Amoxicillin 500 mg tablets". */
export interface MedicationIdentity {
  /** The member name matched (e.g. `amoxicillin`), else the written name without strength and form. */
  readonly substance: string;
  readonly classes: readonly DrugClass[];
}

const STRENGTH_OR_FORM =
  /\b(\d+([.,]\d+)?\s*(mg|mcg|µg|ug|g|ml|iu|units?|%)?|tablets?|tabs?|capsules?|caps?|oral|suspension|solution|syrup|injection|cream|ointment|gel|drops|inhaler|er|sr|xr|mr|retard|film coated)\b/g;

/** The medication's substance and classes, tolerant of case, strengths and dosage forms. */
export function identifyMedication(medication: string): MedicationIdentity {
  const text = normalizeDrugText(medication);
  const classes: DrugClass[] = [];
  let substance: string | undefined;
  for (const drugClass of INDEXED) {
    const member = drugClass.normalizedMembers.find((name) => containsWords(text, name));
    if (member) {
      classes.push(drugClass);
      substance ??= member;
    }
  }
  const bare = text.replace(STRENGTH_OR_FORM, ' ').replace(/\s+/g, ' ').trim();
  return { substance: substance ?? (bare || text), classes };
}

/** Why an allergy covers a medication: by name, or through a class. */
export interface AllergyMatch {
  readonly allergy: string;
  readonly drugClass?: DrugClass;
}

/**
 * Whether a recorded allergy (free text, e.g. "Penicillin", "Sulfa drugs", "Ibuprofen (rash)")
 * covers the medication: the allergy names the medication itself, names its class, or names a
 * member of its class (an allergy to one NSAID alerts on the others).
 */
export function allergyCovers(allergy: string, medication: MedicationIdentity): AllergyMatch | undefined {
  const text = normalizeDrugText(allergy);
  if (!text) {
    return undefined;
  }
  if (containsWords(text, medication.substance) || containsWords(medication.substance, text)) {
    return { allergy };
  }
  for (const drugClass of medication.classes) {
    const indexed = INDEXED.find((candidate) => candidate.key === drugClass.key)!;
    if (
      indexed.normalizedTerms.some((term) => containsWords(text, term)) ||
      indexed.normalizedMembers.some((member) => containsWords(text, member))
    ) {
      return { allergy, drugClass };
    }
  }
  return undefined;
}

/** Whether two medications duplicate one another: the same substance, or a shared class. */
export function duplicates(
  a: MedicationIdentity,
  b: MedicationIdentity,
): { readonly drugClass?: DrugClass } | undefined {
  if (a.substance === b.substance) {
    return {};
  }
  const shared = a.classes.find((drugClass) => b.classes.some((other) => other.key === drugClass.key));
  return shared ? { drugClass: shared } : undefined;
}
