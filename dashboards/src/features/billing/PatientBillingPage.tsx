import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, ButtonGroup, Flex, Heading, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { getFragmentData } from '../../gql';
import { formatCalendarDate } from '../../shared/format-date-time';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { TextField } from '../../shared/ui/form-fields';
import { BalanceSummary } from './BalanceSummary';
import { InvoiceCard } from './InvoiceCard';
import { ClaimStatusBadge } from './InvoiceStatusBadge';
import { approvedAmount, formatMoney } from './money';
import type { InvoiceStatus } from '../../gql/graphql';
import { AddPolicyMutation, ClaimsQuery, InvoiceFieldsFragment, MyInvoicesQuery, PoliciesQuery } from './operations';

function AddPolicyForm() {
  const [form, setForm] = useState({ provider: '', policyNumber: '', memberId: '', validFrom: '', validTo: '' });
  const [add, { loading, error, data }] = useMutation(AddPolicyMutation, { refetchQueries: [PoliciesQuery] });
  const errors = fieldErrors(error);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <Box
      as="form"
      borderWidth="1px"
      borderRadius="l3"
      p="4"
      onSubmit={(e) => {
        e.preventDefault();
        void add({
          variables: {
            input: {
              provider: form.provider,
              policyNumber: form.policyNumber,
              memberId: form.memberId || null,
              validFrom: form.validFrom,
              validTo: form.validTo || null,
            },
          },
        })
          .then(() => setForm({ provider: '', policyNumber: '', memberId: '', validFrom: '', validTo: '' }))
          .catch(() => undefined);
      }}
    >
      <Heading as="h3" size="sm" mb="3">
        Add a policy
      </Heading>
      <SimpleGrid columns={{ base: 1, md: 2 }} gap="3">
        <TextField
          label="Insurer"
          value={form.provider}
          onChange={set('provider')}
          required
          error={errors['provider']}
        />
        <TextField
          label="Policy number"
          value={form.policyNumber}
          onChange={set('policyNumber')}
          required
          error={errors['policyNumber']}
        />
        <TextField label="Member id" value={form.memberId} onChange={set('memberId')} error={errors['memberId']} />
        <TextField
          label="Valid from"
          type="date"
          value={form.validFrom}
          onChange={set('validFrom')}
          required
          error={errors['validFrom']}
        />
        <TextField
          label="Valid to"
          type="date"
          value={form.validTo}
          onChange={set('validTo')}
          error={errors['validTo']}
          helper="Leave empty when open-ended"
        />
      </SimpleGrid>
      {error && !Object.keys(errors).length ? (
        <Text color="fg.error" mt="2">
          {plainMessage(error)}
        </Text>
      ) : null}
      {data && !error ? (
        <Text color="fg.success" mt="2">
          Policy added.
        </Text>
      ) : null}
      <Button
        type="submit"
        mt="3"
        size="sm"
        colorPalette="brand"
        loading={loading}
        disabled={!form.provider || !form.policyNumber || !form.validFrom}
      >
        Add policy
      </Button>
    </Box>
  );
}

/** The invoices listed, as the page's address names them (`?show=`). */
const SHOWN = [
  { value: 'all', label: 'All bills', status: null },
  { value: 'to-pay', label: 'To pay', status: ['ISSUED', 'PARTIALLY_PAID'] },
] as const satisfies readonly { value: string; label: string; status: readonly InvoiceStatus[] | null }[];

/** `/patient/billing`: what is owed, the patient's invoices (with PDFs), insurance policies and claim status. */
export function PatientBillingPage() {
  const [params, setParams] = useSearchParams();
  const shown = SHOWN.find((entry) => entry.value === params.get('show')) ?? SHOWN[0];
  const show = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === SHOWN[0].value) {
          next.delete('show');
        } else {
          next.set('show', value);
        }
        return next;
      },
      { replace: true },
    );
  const invoices = useQuery(MyInvoicesQuery, { variables: { status: shown.status ? [...shown.status] : null } });
  const policies = useQuery(PoliciesQuery);
  const claims = useQuery(ClaimsQuery);
  const list = invoices.data?.invoices.edges.map((e) => e.node) ?? [];
  const moreInvoices = useLoadMore(invoices.data?.invoices.pageInfo, invoices.fetchMore, invoices.networkStatus);
  const moreClaims = useLoadMore(claims.data?.claims.pageInfo, claims.fetchMore, claims.networkStatus);
  return (
    <Stack gap="8">
      <Stack as="section" gap="3">
        <Heading as="h1" size={{ base: '2xl', md: '3xl' }}>
          Bills and insurance
        </Heading>
        <BalanceSummary />
        <Flex justify="space-between" align="center" gap="3" wrap="wrap">
          <Heading as="h2" size="lg">
            Invoices
          </Heading>
          <ButtonGroup size="sm" variant="outline" attached role="group" aria-label="Show">
            {SHOWN.map((entry) => (
              <Button
                key={entry.value}
                aria-pressed={shown.value === entry.value}
                variant={shown.value === entry.value ? 'solid' : 'outline'}
                colorPalette="brand"
                onClick={() => show(entry.value)}
              >
                {entry.label}
              </Button>
            ))}
          </ButtonGroup>
        </Flex>
        {invoices.error ? (
          <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />
        ) : invoices.loading && !invoices.data ? (
          <LoadingList label="Loading invoices…" />
        ) : list.length === 0 ? (
          shown.status ? (
            <EmptyState title="Nothing to pay" description="Every bill issued to you is paid." />
          ) : (
            <EmptyState
              title="No invoices yet"
              description="A visit’s invoice appears here once the visit is over; it is due once the clinic issues it."
            />
          )
        ) : (
          <>
            <Stack as="ul" gap="3" p="0" m="0">
              {list.map((invoice) => (
                <InvoiceCard key={getFragmentData(InvoiceFieldsFragment, invoice).id} invoice={invoice} />
              ))}
            </Stack>
            <LoadMore
              count={list.length}
              total={invoices.data?.invoices.totalCount}
              noun="invoice"
              hasNextPage={invoices.data?.invoices.pageInfo.hasNextPage}
              more={moreInvoices}
            />
          </>
        )}
      </Stack>
      <Stack as="section" gap="3">
        <Heading as="h2" size="lg">
          Insurance policies
        </Heading>
        {policies.data?.insurancePolicies.length ? (
          <Stack as="ul" gap="2" p="0" m="0">
            {policies.data.insurancePolicies.map((p) => (
              <Box as="li" listStyleType="none" key={p.id} borderWidth="1px" borderRadius="l2" p="3">
                <Text fontWeight="semibold">
                  {p.provider} · {p.policyNumber}
                </Text>
                <Text fontSize="sm" color="fg.muted">
                  {p.memberId ? `Member ${p.memberId} · ` : ''}valid {formatCalendarDate(p.validFrom)} –{' '}
                  {p.validTo ? formatCalendarDate(p.validTo) : 'open-ended'}
                </Text>
              </Box>
            ))}
          </Stack>
        ) : policies.loading ? null : (
          <EmptyState title="No policies on file" />
        )}
        <AddPolicyForm />
      </Stack>
      <Stack as="section" gap="3">
        <Heading as="h2" size="lg">
          Claims
        </Heading>
        {claims.data?.claims.edges.length ? (
          <>
            {/* Focusable, so that a keyboard can scroll it when a phone is too narrow for the table. */}
            <Box overflowX="auto" borderWidth="1px" borderRadius="l3" tabIndex={0} role="group" aria-label="Claims">
              <Table.Root size="sm">
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeader>Invoice</Table.ColumnHeader>
                    <Table.ColumnHeader>Insurer</Table.ColumnHeader>
                    <Table.ColumnHeader textAlign="end">Claimed</Table.ColumnHeader>
                    <Table.ColumnHeader textAlign="end">Approved</Table.ColumnHeader>
                    <Table.ColumnHeader>Status</Table.ColumnHeader>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {claims.data.claims.edges.map(({ node: c }) => (
                    <Table.Row key={c.id}>
                      <Table.Cell>{c.invoice.number}</Table.Cell>
                      <Table.Cell>{c.policy.provider}</Table.Cell>
                      <Table.Cell textAlign="end">{formatMoney(c.amountClaimed)}</Table.Cell>
                      <Table.Cell textAlign="end">{formatMoney(approvedAmount(c))}</Table.Cell>
                      <Table.Cell>
                        <ClaimStatusBadge status={c.status} />
                        {c.note ? <Text fontSize="xs">{c.note}</Text> : null}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Box>
            <LoadMore
              count={claims.data.claims.edges.length}
              total={claims.data.claims.totalCount}
              noun="claim"
              hasNextPage={claims.data.claims.pageInfo.hasNextPage}
              more={moreClaims}
            />
          </>
        ) : claims.loading ? null : (
          <EmptyState title="No claims" />
        )}
      </Stack>
    </Stack>
  );
}
