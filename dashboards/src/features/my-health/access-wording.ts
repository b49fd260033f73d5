/** One access-log entry, as the page has it. */
export interface AccessEntry {
  readonly actorName?: string | null;
  /** The patient's own actions (their downloads) read "You …". */
  readonly actorRole?: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityDate?: string | null;
  readonly emergency: boolean;
}

const dayOf = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));

const THING: Record<string, string> = {
  MedicalRecord: 'record',
  Prescription: 'prescription',
  Appointment: 'visit',
  Attachment: 'file',
  HealthRecordBundle: 'whole record (FHIR file)',
  HealthRecordSummary: 'whole record (PDF summary)',
};

/**
 * What was done to one of the patient's requests or places, by its type and the action: asking to
 * close the account (and its answer), a waitlist place, a repeat prescription request. Closing an
 * account at the patient's request ends the last two too, each logged as its own step.
 */
const STEPS: Readonly<Record<string, Readonly<Record<string, (who: string) => string>>>> = {
  ErasureRequest: {
    ERASURE_REQUESTED: (who) => `${who} asked to close your account and erase your data`,
    ERASURE_WITHDRAWN: (who) => `${who} withdrew the request to close your account`,
    ERASURE_CARRIED_OUT: (who) => `${who} closed your account and erased your data, as you asked`,
    ERASURE_REFUSED: (who) => `${who} refused your request to close your account`,
  },
  WaitlistEntry: {
    JOIN_WAITLIST: (who) => `${who} put you on a waitlist`,
    ACCEPT_WAITLIST_OFFER: (who) => `${who} took a time offered to you from a waitlist`,
    LEAVE_WAITLIST: (who) => `${who} took you off a waitlist`,
  },
  RepeatRequest: {
    CREATE: (who) => `${who} asked for a repeat prescription`,
    WITHDRAW: (who) => `${who} withdrew your request for a repeat prescription`,
    DECLINE: (who) => `${who} declined your request for a repeat prescription`,
  },
};

/**
 * An access-log entry in plain words, as a patient would say it: "Dr Witting opened your chart",
 * "Dr Witting read your record of 5 Nov 2026", "Dr Witting issued a prescription", "Dr Witting read
 * the change of 2 Dec 2026 to your medical history".
 */
export function describeAccess(entry: AccessEntry): string {
  const who =
    entry.actorRole === 'PATIENT' ? 'You' : (entry.actorName ?? '').replace(/ \([^)]*\)$/, '') || 'The clinic’s system';
  const thing = THING[entry.entityType];
  const of = entry.entityDate ? ` of ${dayOf(entry.entityDate)}` : '';
  if (entry.entityType === 'Patient' || entry.entityType === 'User') {
    switch (entry.action) {
      case 'READ':
        return `${who} opened your chart${entry.emergency ? ' in an emergency' : ''}`;
      case 'EMERGENCY_ACCESS':
        return `${who} asked for emergency access to your chart`;
      case 'UPDATE':
        return `${who} changed your details`;
      case 'DEACTIVATE':
        return `${who} closed your account`;
      case 'REACTIVATE':
        return `${who} reopened your account`;
      default:
        return `${who}: ${entry.action.replace(/_/g, ' ').toLowerCase()} (your account)`;
    }
  }
  if (entry.entityType === 'Consent') {
    return entry.action === 'REVOKE_CONSENT'
      ? `${who} withdrew consent to share your data with a partner`
      : `${who} gave consent to share your data with a partner`;
  }
  if (entry.entityType === 'MedicalHistoryChange') {
    // Each change read is logged, named by the day it was made.
    return entry.action === 'READ'
      ? `${who} read ${of ? `the change${of}` : 'a change'} to your medical history${entry.emergency ? ' in an emergency' : ''}`
      : `${who}: ${entry.action.replace(/_/g, ' ').toLowerCase()} (a change${of} to your medical history)`;
  }
  if (entry.entityType === 'LabOrder') {
    return labOrderWords(who, entry.action, of);
  }
  if (entry.entityType === 'InsuranceClaim') {
    return claimWords(who, entry.action, entry.entityDate ? ` on ${dayOf(entry.entityDate)}` : '');
  }
  if (entry.entityType === 'Admission') {
    const on = entry.entityDate ? ` on ${dayOf(entry.entityDate)}` : '';
    return entry.action === 'DISCHARGE'
      ? `${who} discharged you from hospital (admitted${on})`
      : `${who} admitted you to hospital${on}`;
  }
  const step = STEPS[entry.entityType]?.[entry.action];
  if (step) {
    return step(who);
  }
  if (!thing) {
    return `${who}: ${entry.action.replace(/_/g, ' ').toLowerCase()} (${entry.entityType})`;
  }
  switch (entry.action) {
    case 'READ':
      return entry.entityType === 'Appointment'
        ? `${who} read why you came to your visit${entry.entityDate ? ` on ${dayOf(entry.entityDate)}` : ''}`
        : `${who} read your ${thing}${of}`;
    case 'CREATE':
      return entry.entityType === 'Prescription'
        ? `${who} issued a prescription${of}`
        : `${who} wrote a new ${thing}${of}`;
    case 'AMEND':
      return `${who} amended your ${thing}${of}`;
    case 'CANCELLED':
      return entry.entityType === 'Appointment'
        ? `${who} cancelled your visit${entry.entityDate ? ` on ${dayOf(entry.entityDate)}` : ''}`
        : `${who}: cancelled (your ${thing}${of})`;
    case 'DISCONTINUE':
      return `${who} stopped your ${thing}${of}`;
    case 'DOWNLOAD':
      return `${who} downloaded your ${thing}${of}`;
    case 'OVERRIDE_ALLERGY_CONFLICT':
      return `${who} prescribed despite an allergy warning (prescription${of})`;
    case 'OVERRIDE_DUPLICATE_THERAPY':
      return `${who} prescribed despite a duplicate-therapy warning (prescription${of})`;
    default:
      return `${who}: ${entry.action.replace(/_/g, ' ').toLowerCase()} (your ${thing}${of})`;
  }
}

/** A lab order's steps, as the patient follows them: ordered, sample taken, results in. */
function labOrderWords(who: string, action: string, of: string): string {
  switch (action) {
    case 'CREATE':
      return `${who} ordered lab tests for you${of.replace(' of ', ' on ')}`;
    case 'READ':
      return `${who} read your lab tests${of}`;
    case 'COLLECT':
      return `${who} took the sample for your lab tests${of}`;
    case 'RESULT':
      return `${who} entered the results of your lab tests${of}`;
    case 'CORRECT_RESULTS':
      return `${who} corrected the results of your lab tests${of}`;
    case 'CANCEL':
      return `${who} cancelled your lab tests${of}`;
    case 'REVIEW':
      return `${who} reviewed the results of your lab tests${of}`;
    default:
      return `${who}: ${action.replace(/_/g, ' ').toLowerCase()} (your lab tests${of})`;
  }
}

/** An insurance claim's steps (`on`: the day it was sent): the clinic sends it, the insurer reads and decides it. */
function claimWords(who: string, action: string, on: string): string {
  switch (action) {
    case 'SUBMIT':
      return `${who} sent an insurance claim for your bill to your insurer${on}`;
    case 'READ':
      return `${who} read your insurance claim sent${on || ' to them'}`;
    case 'APPROVED':
      return `${who} approved your insurance claim sent${on || ' to them'}`;
    case 'PARTIALLY_APPROVED':
      return `${who} partly approved your insurance claim sent${on || ' to them'}`;
    case 'REJECTED':
      return `${who} rejected your insurance claim sent${on || ' to them'}`;
    default:
      return `${who}: ${action.replace(/_/g, ' ').toLowerCase()} (your insurance claim)`;
  }
}
