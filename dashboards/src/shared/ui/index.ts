export { ConfirmDialog } from './ConfirmDialog';
export { EmptyState } from './EmptyState';
export { ErrorState } from './ErrorState';
export { LoadingList } from './LoadingList';
export { PageLoading } from './PageStatus';
export { LabelBadge, type LabelBadgeProps } from './LabelBadge';
export { focusFirstInvalid } from './focus-first-invalid';
export { SelectField, TextField, type BaseFieldProps } from './form-fields';
