export { ConfirmDialog } from './ConfirmDialog';
export { EmptyState } from './EmptyState';
export { ErrorState } from './ErrorState';
export { LoadingList } from './LoadingList';
export { PageLoading } from './PageStatus';
export { FormStack } from './FormStack';
