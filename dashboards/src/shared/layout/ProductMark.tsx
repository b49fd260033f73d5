import { Box } from '@chakra-ui/react';

/** A small cross in a rounded square: the product's mark. Decorative. */
export function ProductMark({ size = '7' }: { size?: string }) {
  return (
    <Box
      as="span"
      aria-hidden="true"
      display="inline-flex"
      alignItems="center"
      justifyContent="center"
      boxSize={size}
      borderRadius="l2"
      bg="brand.solid"
      color="brand.contrast"
      flexShrink={0}
    >
      <svg viewBox="0 0 24 24" width="60%" height="60%" fill="currentColor" focusable="false">
        <path d="M9.5 3h5v6.5H21v5h-6.5V21h-5v-6.5H3v-5h6.5z" />
      </svg>
    </Box>
  );
}
