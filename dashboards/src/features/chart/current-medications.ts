import { doctorName } from '../doctors/DoctorName';

interface ActivePrescription {
  readonly status: string;
  readonly items: readonly { medication: string; dosage: string; frequency: string }[];
  readonly doctor: { id: string; firstName: string; lastName: string };
}

/** A medicine's name as written first ("Metformin" of "Metformin 500 mg twice daily"), for comparing. */
function drugOf(text: string): string {
  return (text.trim().split(/[\s,(]+/)[0] ?? '').toLowerCase();
}

/**
 * What the patient takes now, reconciled: each item of the clinic's active prescriptions, then
 * what the patient reported on their own list. A reported medicine also prescribed is not listed
 * twice: the prescription says the patient lists it too when their entry names the same strength,
 * and the reported entry stays, marked, when it names another ("Metformin 1000 mg" reported,
 * "Metformin 500 mg" prescribed): a discrepancy the doctor should see.
 */
export function currentMedications(
  prescriptions: readonly ActivePrescription[],
  reported: readonly string[],
  /** Active prescriptions beyond those given (the chart asks for 12, to stay within its query-cost budget). */
  morePrescriptions = 0,
): string[] {
  const items = prescriptions.flatMap((prescription) =>
    prescription.status === 'ACTIVE' ? prescription.items.map((item) => ({ ...item, by: prescription.doctor })) : [],
  );
  const confirmed = new Set<number>();
  const own = reported.flatMap((entry) => {
    const drug = drugOf(entry);
    const same = items.findIndex((item) => entry.toLowerCase().startsWith(item.medication.trim().toLowerCase()));
    if (same >= 0) {
      confirmed.add(same);
      return [];
    }
    const other = items.some((item) => drugOf(item.medication) === drug);
    return [`${entry} (reported by the patient${other ? '; not as prescribed' : ''})`];
  });
  return [
    ...items.map(
      (item, index) =>
        `${item.medication} ${item.dosage}, ${item.frequency} (${doctorName(item.by)}${confirmed.has(index) ? '; on the patient’s own list too' : ''})`,
    ),
    ...(morePrescriptions > 0
      ? [`… and ${morePrescriptions} more active prescription${morePrescriptions === 1 ? '' : 's'} (in the timeline)`]
      : []),
    ...own,
  ];
}
