import { useQuery } from '@apollo/client/react';
import { Box, SimpleGrid, Stack, Text } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { formatCalendarDate } from '../../shared/format-date-time';
import { ErrorState } from '../../shared/ui';
import { formatMoney } from './money';
import { BalanceDueQuery } from './operations';

const bills = (n: number) => `${n} bill${n === 1 ? '' : 's'}`;

/**
 * What a patient still owes, per currency: overdue, with the insurer, and when next due. The
 * patient's own (in their words), or with `patientId` one patient's for an administrator.
 */
export function BalanceSummary({ patientId, action }: { patientId?: string; action?: ReactNode }) {
  const { data, error, refetch } = useQuery(BalanceDueQuery, { variables: patientId ? { patientId } : {} });
  if (error) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (!data) {
    return null;
  }
  const own = !patientId;
  return (
    <Box as="section" aria-label="To pay" borderWidth="1px" borderRadius="l3" bg="bg.subtle" p="4">
      {data.balanceDue.length === 0 ? (
        <Text fontWeight="semibold">
          {own ? 'You owe nothing: every bill issued to you is paid.' : 'Owes nothing: every bill issued is paid.'}
        </Text>
      ) : (
        <SimpleGrid columns={{ base: 1, md: Math.min(data.balanceDue.length, 3) }} gap="4">
          {data.balanceDue.map((balance) => (
            <Stack key={balance.currency} gap="1">
              <Text fontSize="sm" color="fg.muted">
                To pay
              </Text>
              <Text fontSize="2xl" fontWeight="bold">
                {formatMoney(balance.owed)}
              </Text>
              <Text>
                on {bills(balance.invoices)}
                {balance.nextDueDate ? `, next due ${formatCalendarDate(balance.nextDueDate)}` : ''}
              </Text>
              {balance.overdueInvoices ? (
                <Text color="fg.error" fontWeight="medium">
                  {formatMoney(balance.overdue)} overdue on {bills(balance.overdueInvoices)}
                </Text>
              ) : null}
              {Number(balance.awaitingInsurer.amount) > 0 ? (
                <Text fontSize="sm" color="fg.muted">
                  {formatMoney(balance.awaitingInsurer)} of it is claimed from {own ? 'your' : 'their'} insurer, who has
                  not decided yet.
                </Text>
              ) : null}
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {action ? <Box mt="3">{action}</Box> : null}
    </Box>
  );
}
