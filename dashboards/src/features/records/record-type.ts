import type { RecordType } from '../../gql/graphql';

/** The one wording of each kind of medical record. */
export const RECORD_TYPE_LABEL: Readonly<Record<RecordType, string>> = {
  CONSULTATION: 'Consultation',
  LAB_RESULT: 'Lab result',
  IMAGING: 'Imaging',
  PROCEDURE: 'Procedure',
  VACCINATION: 'Vaccination',
};

export const RECORD_TYPE_OPTIONS = (Object.keys(RECORD_TYPE_LABEL) as RecordType[]).map((value) => ({
  value,
  label: RECORD_TYPE_LABEL[value],
}));
