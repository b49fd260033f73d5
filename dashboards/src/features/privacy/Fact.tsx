import { Box, Text } from '@chakra-ui/react';
import type { ReactNode } from 'react';

/** One labelled fact of a privacy request or an access alert (a `<dt>` and its `<dd>`, inside a `<dl>`). */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text as="dt" fontSize="xs" color="fg.muted">
        {label}
      </Text>
      <Box as="dd" m="0" fontSize="sm">
        {children}
      </Box>
    </Box>
  );
}
