import { Box, Skeleton, SkeletonText, Stack, VisuallyHidden } from '@chakra-ui/react';

/** Placeholder rows while a list loads; announced once to screen readers as `label`. */
export function LoadingList({ rows = 3, label = 'Loading…' }: { rows?: number; label?: string }) {
  return (
    <Stack gap="3" role="status" aria-live="polite" aria-busy="true">
      <VisuallyHidden>{label}</VisuallyHidden>
      {Array.from({ length: rows }, (_, index) => (
        <Box key={index} aria-hidden="true" borderWidth="1px" borderRadius="l2" bg="bg" p="4">
          <Skeleton height="4" width="40%" mb="3" />
          <SkeletonText noOfLines={2} gap="2" />
        </Box>
      ))}
    </Stack>
  );
}
