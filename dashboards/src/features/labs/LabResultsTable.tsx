import { HStack, Table, Text } from '@chakra-ui/react';
import { getFragmentData, type FragmentType } from '../../gql';
import { displayUnit, isCritical, LabFlag, referenceRange } from './LabFlag';
import { LabResultRowFragment } from './operations';

const WIDE = { display: { base: 'none', md: 'table-cell' } } as const;

/** The results of one order: value with unit, the range, and the flag (critical rows in red). */
export function LabResultsTable({
  results,
  plain = false,
}: {
  results: readonly FragmentType<typeof LabResultRowFragment>[];
  plain?: boolean;
}) {
  const rows = results.map((result) => getFragmentData(LabResultRowFragment, result));
  return (
    <Table.ScrollArea borderWidth="1px" borderRadius="l2">
      <Table.Root size="sm">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>Test</Table.ColumnHeader>
            <Table.ColumnHeader {...WIDE}>Result</Table.ColumnHeader>
            <Table.ColumnHeader {...WIDE}>{plain ? 'Normal range' : 'Reference'}</Table.ColumnHeader>
            <Table.ColumnHeader {...WIDE}>{plain ? 'What it means' : 'Flag'}</Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => {
            const critical = isCritical(row.interpretation);
            return (
              <Table.Row key={row.code} bg={critical ? 'red.subtle' : undefined}>
                <Table.Cell>
                  <Text>{row.name}</Text>
                  <Text fontSize="xs" color="fg.muted">
                    LOINC {row.code}
                    {row.version > 1 ? ` · corrected (v${row.version})` : ''}
                  </Text>
                  {/* On a phone the value and flag sit under the name: the other columns are hidden. */}
                  <HStack display={{ base: 'flex', md: 'none' }} mt="1" gap="2" wrap="wrap">
                    <Text fontWeight={critical ? 'bold' : 'medium'} color={critical ? 'red.fg' : undefined}>
                      {row.value}
                      {row.unit ? ` ${displayUnit(row.unit)}` : ''}
                    </Text>
                    <LabFlag interpretation={row.interpretation} plain={plain} />
                    <Text fontSize="xs" color="fg.muted">
                      {referenceRange(row.referenceLow, row.referenceHigh, row.unit)}
                    </Text>
                  </HStack>
                </Table.Cell>
                <Table.Cell {...WIDE} fontWeight={critical ? 'bold' : 'medium'} color={critical ? 'red.fg' : undefined}>
                  {row.value}
                  {row.unit ? ` ${displayUnit(row.unit)}` : ''}
                </Table.Cell>
                <Table.Cell {...WIDE} color="fg.muted">
                  {referenceRange(row.referenceLow, row.referenceHigh, row.unit)}
                </Table.Cell>
                <Table.Cell {...WIDE}>
                  <LabFlag interpretation={row.interpretation} plain={plain} />
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table.Root>
    </Table.ScrollArea>
  );
}
