import { Box, chakra, SimpleGrid, Text, VisuallyHidden } from '@chakra-ui/react';
import type { ReactNode } from 'react';

export interface Choice {
  readonly value: string;
  readonly label: ReactNode;
  /** Read out after the label, e.g. "no free times". */
  readonly detail?: ReactNode;
  readonly disabled?: boolean;
}

/**
 * A labelled group of native radio buttons drawn as cards: arrow keys move between them, Space
 * picks one, and screen readers announce the legend and each label.
 */
export function ChoiceGroup({
  name,
  legend,
  choices,
  value,
  onChange,
  columns = { base: 1, sm: 2, md: 3 },
}: {
  name: string;
  legend: string;
  choices: readonly Choice[];
  value: string | undefined;
  onChange: (value: string) => void;
  columns?: Record<string, number>;
}) {
  return (
    <chakra.fieldset minW="0">
      <chakra.legend fontWeight="semibold" fontSize="lg" mb="3">
        {legend}
      </chakra.legend>
      <SimpleGrid columns={columns} gap="2">
        {choices.map((choice) => {
          const checked = choice.value === value;
          return (
            <Box
              as="label"
              key={choice.value}
              display="block"
              borderWidth="1px"
              borderRadius="l2"
              px="3"
              py="2.5"
              bg={checked ? 'brand.subtle' : 'bg'}
              borderColor={checked ? 'brand.solid' : 'border'}
              opacity={choice.disabled ? 0.5 : 1}
              cursor={choice.disabled ? 'not-allowed' : 'pointer'}
              _hover={choice.disabled ? undefined : { borderColor: 'brand.solid' }}
              _focusWithin={{ outline: '2px solid', outlineColor: 'brand.focusRing', outlineOffset: '2px' }}
            >
              <VisuallyHidden asChild>
                <input
                  type="radio"
                  name={name}
                  value={choice.value}
                  checked={checked}
                  disabled={choice.disabled}
                  onChange={() => onChange(choice.value)}
                />
              </VisuallyHidden>
              <Text as="span" display="block" fontWeight="medium">
                {choice.label}
              </Text>
              {choice.detail ? (
                <Text as="span" display="block" fontSize="sm" color="fg.muted">
                  {choice.detail}
                </Text>
              ) : null}
            </Box>
          );
        })}
      </SimpleGrid>
    </chakra.fieldset>
  );
}
