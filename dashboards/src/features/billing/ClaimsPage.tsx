import { useMutation, useQuery } from '@apollo/client/react';
import { Box, Button, Checkbox, Fieldset, Flex, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useState, type RefObject } from 'react';
import type { ClaimStatus, ClaimsQuery as ClaimsData } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { EmptyState, ErrorState, LoadingList, useFormOnDemand } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { fullName, PageHeader } from '../admin/ui';
import { SelectField, TextField } from '../../shared/ui/form-fields';
import { CLAIM_STATUSES, ClaimStatusBadge, claimStatusLabel } from './InvoiceStatusBadge';
import { approvedAmount, decimalInput, formatMoney } from './money';
import { ClaimsQuery, DecideClaimMutation } from './operations';

const DECISIONS: readonly { value: ClaimStatus; label: string }[] = [
  { value: 'APPROVED', label: 'Approved in full' },
  { value: 'PARTIALLY_APPROVED', label: 'Partly approved' },
  { value: 'REJECTED', label: 'Rejected' },
];

/** The insurer's answer to one submitted claim. */
function DecisionForm({
  claimId,
  invoiceNumber,
  currency,
  onClose,
  formRef,
}: {
  claimId: string;
  invoiceNumber: string;
  currency: string;
  /** Recorded, or not now. */
  onClose: () => void;
  formRef: RefObject<HTMLFormElement | null>;
}) {
  const [status, setStatus] = useState<ClaimStatus>('APPROVED');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [decide, { loading, error }] = useMutation(DecideClaimMutation, { refetchQueries: [ClaimsQuery] });
  const errors = fieldErrors(error);
  return (
    <Box
      as="form"
      ref={formRef}
      // Every submitted claim has one: each form says whose decision it records.
      aria-label={`Decision on the claim for invoice ${invoiceNumber}`}
      onSubmit={(e) => {
        e.preventDefault();
        void decide({
          variables: {
            id: claimId,
            input: {
              status,
              amountApproved: status === 'PARTIALLY_APPROVED' ? (decimalInput(amount) ?? amount) : null,
              note: note.trim() || null,
            },
          },
        })
          .then(onClose)
          .catch(() => undefined);
      }}
    >
      <SimpleGrid columns={{ base: 1, md: 3 }} gap="2" alignItems="end">
        <SelectField
          label="Decision"
          value={status}
          onChange={(v) => setStatus(v as ClaimStatus)}
          options={DECISIONS}
        />
        {status === 'PARTIALLY_APPROVED' ? (
          <TextField
            label={`Approved (${currency})`}
            value={amount}
            onChange={setAmount}
            error={errors['amountApproved']}
            required
          />
        ) : (
          <TextField
            label="Note"
            value={note}
            onChange={setNote}
            error={errors['note']}
            required={status === 'REJECTED'}
          />
        )}
        <Flex gap="2">
          <Button type="submit" size="sm" loading={loading}>
            Record decision
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </Flex>
      </SimpleGrid>
      {error && !Object.keys(errors).length ? <Text color="fg.error">{plainMessage(error)}</Text> : null}
    </Box>
  );
}

type ClaimRow = ClaimsData['claims']['edges'][number]['node'];

/** One claim: whose, for which bill, how much, its status; a submitted one's decision when asked for. */
function ClaimRows({ claim: c, zone }: { claim: ClaimRow; zone: string }) {
  const { open: deciding, show: decide, close, formRef, buttonRef } = useFormOnDemand();
  return (
    <>
      <Table.Row>
        <Table.Cell>
          <Text fontWeight="medium" whiteSpace="nowrap" id={`claim-${c.id}`}>
            {c.invoice.number}
          </Text>
          <Text fontSize="sm">{fullName(c.invoice.patient)}</Text>
          <Text fontSize="xs" color="fg.muted">
            {c.policy.provider} · {c.policy.policyNumber}
          </Text>
          <Text fontSize="xs" color="fg.muted">
            {c.submittedAt ? `Submitted ${formatDateTime(c.submittedAt, zone)}` : 'Not submitted'}
          </Text>
        </Table.Cell>
        <Table.Cell textAlign="end" whiteSpace="nowrap">
          {formatMoney(c.amountClaimed)}
          {c.amountApproved ? (
            <Text fontSize="xs" color="fg.muted">
              {formatMoney(approvedAmount(c))} approved
            </Text>
          ) : null}
        </Table.Cell>
        <Table.Cell>
          <Stack gap="1" align="flex-start">
            <ClaimStatusBadge status={c.status} />
            {c.note ? <Text fontSize="xs">{c.note}</Text> : null}
            {c.decidedByPartner ? (
              // Nobody at the clinic entered this decision: the insurer's own system did.
              <Text fontSize="xs" color="fg.muted">
                Decided by {c.decidedByPartner} via its system
              </Text>
            ) : null}
            {c.status === 'SUBMITTED' && !deciding ? (
              <Button size="xs" variant="outline" aria-describedby={`claim-${c.id}`} ref={buttonRef} onClick={decide}>
                Record decision…
              </Button>
            ) : null}
          </Stack>
        </Table.Cell>
      </Table.Row>
      {c.status === 'SUBMITTED' && deciding ? (
        <Table.Row>
          <Table.Cell colSpan={3} bg="bg.subtle">
            <DecisionForm
              claimId={c.id}
              invoiceNumber={c.invoice.number}
              currency={c.amountClaimed.currency}
              onClose={close}
              formRef={formRef}
            />
          </Table.Cell>
        </Table.Row>
      ) : null}
    </>
  );
}

/** `/admin/claims`: insurance claims (whose, for which bill) with status filters and totals; decide the submitted ones. */
export function ClaimsPage() {
  const [statuses, setStatuses] = useState<ClaimStatus[]>([]);
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(ClaimsQuery, {
    variables: { status: statuses.length ? statuses : undefined },
  });
  const claims = data?.claims.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.claims.pageInfo;
  const more = useLoadMore(pageInfo, fetchMore, networkStatus);
  const zone = viewerTimeZone();
  return (
    <Stack gap="4">
      <PageHeader
        title="Insurance claims"
        description="Submitted from an invoice; an approval is booked onto the invoice as a payment."
      />
      <Fieldset.Root borderWidth="1px" borderRadius="l3" p="4" bg="bg.subtle">
        <Fieldset.Legend fontSize="sm" fontWeight="medium">
          Status
        </Fieldset.Legend>
        <Flex gap="4" flexWrap="wrap" mt="1">
          {CLAIM_STATUSES.map((s) => (
            <Checkbox.Root
              key={s}
              size="sm"
              checked={statuses.includes(s)}
              onCheckedChange={(d) =>
                setStatuses((list) => (d.checked === true ? [...list, s] : list.filter((x) => x !== s)))
              }
            >
              <Checkbox.HiddenInput />
              <Checkbox.Control />
              <Checkbox.Label>{claimStatusLabel(s)}</Checkbox.Label>
            </Checkbox.Root>
          ))}
        </Flex>
      </Fieldset.Root>
      {data?.claimTotals.length ? (
        <SimpleGrid columns={{ base: 1, md: 3 }} gap="3" aria-label="Totals">
          {data.claimTotals.map((t) => (
            <Box key={t.currency} borderWidth="1px" borderRadius="l3" p="3">
              <Text fontWeight="semibold">
                {t.count} claim{t.count === 1 ? '' : 's'} in {t.currency}
              </Text>
              <Text fontSize="sm">Claimed {formatMoney({ amount: t.claimed.amount, currency: t.currency })}</Text>
              <Text fontSize="sm">Approved {formatMoney({ amount: t.approved.amount, currency: t.currency })}</Text>
            </Box>
          ))}
        </SimpleGrid>
      ) : null}
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading claims…" />
      ) : claims.length === 0 ? (
        <EmptyState title="No claims" description={statuses.length ? 'Nothing matches these filters.' : undefined} />
      ) : (
        <>
          {/* Focusable, so that a keyboard can scroll it when a phone is too narrow for the table. */}
          <Box overflowX="auto" borderWidth="1px" borderRadius="l3" tabIndex={0} role="group" aria-label="Claims">
            <Table.Root size="sm">
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeader>Claim</Table.ColumnHeader>
                  <Table.ColumnHeader textAlign="end">Amount</Table.ColumnHeader>
                  <Table.ColumnHeader>Status</Table.ColumnHeader>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {claims.map((c) => (
                  <ClaimRows key={c.id} claim={c} zone={zone} />
                ))}
              </Table.Body>
            </Table.Root>
          </Box>
          <LoadMore
            total={data?.claims.totalCount}
            count={claims.length}
            noun="claim"
            hasNextPage={pageInfo?.hasNextPage}
            more={more}
          />
        </>
      )}
    </Stack>
  );
}
