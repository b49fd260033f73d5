export { ConfirmDialog } from './ConfirmDialog';
export { EmptyState } from './EmptyState';
export { ErrorState } from './ErrorState';
export { LoadingList } from './LoadingList';
export { PageLoading } from './PageStatus';
export { LabelBadge, type LabelBadgeProps } from './LabelBadge';
