import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Box, Button, Flex, SimpleGrid, Stack, Stat, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { getFragmentData } from '../../gql';
import { ConfirmDialog, EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { fullName, PageHeader } from '../admin/ui';
import { SelectField, TextField } from '../../shared/ui/form-fields';
import { useAddressParams } from '../../shared/useAddressParams';
import { useDebounced } from '../../shared/useDebounced';
import { BalanceSummary } from './BalanceSummary';
import { InvoiceCard } from './InvoiceCard';
import { INVOICE_STATUSES, invoiceStatusLabel } from './InvoiceStatusBadge';
import { formatMoney } from './money';
import {
  AdminInvoicesQuery,
  DraftInvoiceIdsQuery,
  InvoiceFieldsFragment,
  IssueInvoicesMutation,
  OWED_QUERIES,
  ReceivablesQuery,
} from './operations';
import { plainMessage } from '../../shared/graphql-errors';
import { formatCount } from '../../shared/format-number';
import { isUuid } from '../../shared/ids';

/** What is still owed, by age since issue. */
function Receivables() {
  const { data } = useQuery(ReceivablesQuery);
  if (!data?.receivables.length) {
    return null;
  }
  return (
    <Stack as="section" aria-label="Receivables" gap="3">
      {data.receivables.map((r) => (
        <Box key={r.currency} borderWidth="1px" borderRadius="l3" p="4" bg="bg.subtle">
          <Text fontWeight="semibold" mb="2">
            Receivables {formatMoney({ amount: r.outstanding.amount, currency: r.currency })}
          </Text>
          <SimpleGrid columns={{ base: 2, md: 4 }} gap="3">
            {r.buckets.map((bucket) => (
              <Stat.Root key={bucket.label}>
                <Stat.Label>{bucket.label} days</Stat.Label>
                <Stat.ValueText fontSize="lg">
                  {formatMoney({ amount: bucket.outstanding.amount, currency: r.currency })}
                </Stat.ValueText>
                {/* Chakra's help text is a <span>; inside the <dl> it must be a <dd> (axe: definition-list). */}
                <Stat.HelpText as="dd">
                  {formatCount(bucket.invoices)} invoice{bucket.invoices === 1 ? '' : 's'}
                </Stat.HelpText>
              </Stat.Root>
            ))}
          </SimpleGrid>
        </Box>
      ))}
    </Stack>
  );
}

const OVERDUE = 'OVERDUE';
/** The most drafts one batch issues (the API's limit). */
const ISSUE_AT_ONCE = 100;

/**
 * "Issue all": the drafts under the list's filters, the newest up to {@link ISSUE_AT_ONCE} (not only
 * the page's 20), issued in one go after a confirmation; the lists then refresh, and the button
 * offers the next ones (the notice stays when none is left).
 */
function IssueDrafts({ patientId, search }: { patientId?: string | undefined; search?: string | undefined }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<unknown>();
  const drafts = useQuery(DraftInvoiceIdsQuery, { variables: { patientId, search }, fetchPolicy: 'no-cache' });
  const [issue, { loading }] = useMutation(IssueInvoicesMutation, {
    refetchQueries: [AdminInvoicesQuery, ...OWED_QUERIES],
    awaitRefetchQueries: true,
  });
  const batch = (drafts.data?.invoices.edges ?? []).map((edge) => edge.node.id).slice(0, ISSUE_AT_ONCE);
  const total = drafts.data?.invoices.totalCount ?? 0;
  const count = `${formatCount(batch.length)} ${batch.length === 1 ? 'invoice' : 'invoices'}`;
  const run = async () => {
    setProblem(undefined);
    try {
      await issue({ variables: { ids: [...batch] } });
      await drafts.refetch();
      setDone(`Issued ${count}.`);
    } catch (caught) {
      setProblem(caught);
    } finally {
      setAsking(false);
    }
  };
  return (
    <Stack gap="2">
      {batch.length > 0 ? (
        <Flex gap="3" align="center" wrap="wrap">
          <Button
            size="sm"
            colorPalette="brand"
            onClick={() => {
              setDone(undefined);
              setAsking(true);
            }}
          >
            {batch.length === 1
              ? 'Issue this draft'
              : total > batch.length
                ? `Issue the newest ${formatCount(batch.length)} of ${formatCount(total)} drafts`
                : `Issue these ${formatCount(batch.length)} drafts`}
          </Button>
          <Text fontSize="sm" color="fg.muted">
            All at once, each with its due date{total > batch.length ? '; then the next ones' : ''}.
          </Text>
        </Flex>
      ) : null}
      {done ? (
        <Alert.Root status="success" role="status">
          <Alert.Indicator />
          <Alert.Title>{done}</Alert.Title>
        </Alert.Root>
      ) : null}
      {problem ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Description>{plainMessage(problem)}</Alert.Description>
        </Alert.Root>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={`Issue ${count}?`}
        description="The patients see them in their portal, each with its due date. An issued invoice can be voided, not changed."
        confirmLabel={`Issue ${count}`}
        cancelLabel="Not now"
        destructive={false}
        pending={loading}
        onConfirm={() => void run()}
        onCancel={() => setAsking(false)}
      />
    </Stack>
  );
}

const SHOWN = [...INVOICE_STATUSES, OVERDUE] as const;
type Shown = (typeof SHOWN)[number];

/**
 * `/admin/invoices`: every invoice, newest first, found by number or patient and by status (both
 * kept in the address: `?q=`, `?status=`; `?patient=` for one patient's, with what they owe), with
 * issue, payments, claims, void and PDFs.
 */
export function InvoicesPage() {
  const { params, keep } = useAddressParams();
  // A status, or the open invoices past their due date (which are ISSUED or PARTIALLY_PAID).
  const status: Shown | '' = SHOWN.find((value) => value === params.get('status')) ?? '';
  // One patient's bills (from the patient's page), by a well-formed id only.
  const linked = params.get('patient') ?? '';
  const patientId = isUuid(linked) ? linked : undefined;
  const search = params.get('q') ?? '';
  const settled = useDebounced(search).trim();
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(AdminInvoicesQuery, {
    variables: {
      ...(status === OVERDUE ? { overdue: true } : { status: status ? [status] : undefined }),
      search: settled || undefined,
      patientId,
    },
  });
  const invoices = data?.invoices.edges.map((e) => e.node) ?? [];
  const patientName = patientId && invoices[0] ? fullName(invoices[0].patient) : undefined;
  const pageInfo = data?.invoices.pageInfo;
  const more = useLoadMore(pageInfo, fetchMore, networkStatus);
  return (
    <Stack gap="4">
      <PageHeader
        title="Invoices"
        description="A completed visit drafts its invoice. Issue it, record payments in the clinic, claim from insurance."
      />
      {patientId ? null : <Receivables />}
      {patientId ? (
        <BalanceSummary
          patientId={patientId}
          action={
            <Flex gap="3" align="center" wrap="wrap">
              <Text fontSize="sm">Only the bills of {patientName ?? 'one patient'}.</Text>
              <Button size="xs" variant="outline" onClick={() => keep('patient', '')}>
                Show every patient’s
              </Button>
            </Flex>
          }
        />
      ) : null}
      <Flex gap="3" align="flex-end" wrap="wrap">
        <Box flex="1" minW="56" maxW={{ md: 'md' }}>
          <TextField
            label="Find"
            type="search"
            value={search}
            onChange={(v) => keep('q', v)}
            placeholder="Invoice number, or the patient’s name or e-mail"
          />
        </Box>
        <Box minW="56">
          <SelectField
            label="Status"
            value={status}
            onChange={(v) => keep('status', v)}
            options={[
              ...INVOICE_STATUSES.map((s) => ({ value: s, label: invoiceStatusLabel(s) })),
              { value: OVERDUE, label: 'Overdue' },
            ]}
            placeholder="All invoices"
          />
        </Box>
        {data ? (
          <Text color="fg.muted">
            {formatCount(data.invoices.totalCount)} {data.invoices.totalCount === 1 ? 'invoice' : 'invoices'}
          </Text>
        ) : null}
      </Flex>
      {status === 'DRAFT' ? <IssueDrafts patientId={patientId} search={settled || undefined} /> : null}
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading invoices…" />
      ) : invoices.length === 0 ? (
        <EmptyState
          title="No invoices"
          description={
            settled
              ? 'None matches: try the whole invoice number, or another word of the patient’s name.'
              : status === OVERDUE
                ? 'None is past its due date.'
                : status
                  ? 'None with this status.'
                  : undefined
          }
        />
      ) : (
        <>
          <Stack as="ul" gap="3" p="0" m="0">
            {invoices.map((invoice) => (
              <InvoiceCard
                key={getFragmentData(InvoiceFieldsFragment, invoice).id}
                invoice={invoice}
                patientName={fullName(invoice.patient)}
                admin
              />
            ))}
          </Stack>
          <LoadMore
            total={data?.invoices.totalCount}
            count={invoices.length}
            noun="invoice"
            hasNextPage={pageInfo?.hasNextPage}
            more={more}
          />
        </>
      )}
    </Stack>
  );
}
