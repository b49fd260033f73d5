import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { LabelBadge, type LabelBadgeProps } from '../../shared/ui';
import { RECORD_TYPE_LABEL } from './record-type';

export const RecordTypeBadgeFragment = graphql(`
  fragment RecordTypeBadge on MedicalRecord {
    type
  }
`);

/** A medical record's kind as a badge; `prefix` reads e.g. "Record · Consultation". */
export function RecordTypeBadge({
  record,
  ...look
}: { record: FragmentType<typeof RecordTypeBadgeFragment> } & Pick<LabelBadgeProps, 'prefix' | 'size'>) {
  const { type } = getFragmentData(RecordTypeBadgeFragment, record);
  return <LabelBadge label={RECORD_TYPE_LABEL[type]} palette="purple" {...look} />;
}
