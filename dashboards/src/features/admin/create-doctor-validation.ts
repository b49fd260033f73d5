import { decimalInput } from '../billing/money';

export interface DoctorFormValues {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  specialization: string;
  licenseNumber: string;
  timezone: string;
  /** The department the doctor works in: its hospital bills their visits, in its currency. */
  departmentId: string;
  consultationFee: string;
  bio: string;
  qualifications: string;
}

export const EMPTY_DOCTOR_FORM: DoctorFormValues = {
  email: '',
  password: '',
  firstName: '',
  lastName: '',
  specialization: '',
  licenseNumber: '',
  timezone: 'Europe/London',
  departmentId: '',
  consultationFee: '',
  bio: '',
  qualifications: '',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** A doctor's profile as the forms hold it: everything but the sign-in account. */
export type DoctorProfileValues = Omit<DoctorFormValues, 'email' | 'password'>;

/** Problems keyed by field name (the same names the API uses in its field errors). */
export function validateDoctorForm(values: DoctorFormValues): Partial<Record<keyof DoctorFormValues, string>> {
  const problems: Partial<Record<keyof DoctorFormValues, string>> = {};
  if (!EMAIL.test(values.email.trim())) {
    problems.email = 'Enter a valid email address.';
  }
  if (values.password.length < 10) {
    problems.password = 'Use at least 10 characters.';
  } else if (values.password.trim().toLowerCase() === values.email.trim().toLowerCase()) {
    problems.password = 'The password must not be the email address.';
  }
  return { ...problems, ...validateDoctorProfile(values) };
}

/** Problems with a doctor's profile (a new doctor's, or one being changed), keyed by field name. */
export function validateDoctorProfile(values: DoctorProfileValues): Partial<Record<keyof DoctorProfileValues, string>> {
  const problems: Partial<Record<keyof DoctorProfileValues, string>> = {};
  if (!values.firstName.trim()) {
    problems.firstName = 'Enter the first name.';
  }
  if (!values.lastName.trim()) {
    problems.lastName = 'Enter the last name.';
  }
  if (!values.specialization.trim()) {
    problems.specialization = 'Enter the specialization.';
  }
  if (!values.licenseNumber.trim()) {
    problems.licenseNumber = 'Enter the licence number.';
  }
  if (!isIanaZone(values.timezone)) {
    problems.timezone = 'Choose a time zone.';
  }
  if (!values.departmentId) {
    problems.departmentId = 'Choose the department the doctor works in.';
  }
  if (values.consultationFee.trim() !== '' && decimalInput(values.consultationFee) === undefined) {
    problems.consultationFee = 'The fee must be a number of 0 or more.';
  }
  return problems;
}
