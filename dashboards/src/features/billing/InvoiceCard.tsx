import { useLazyQuery, useMutation } from '@apollo/client/react';
import { Alert, Badge, Box, Button, Flex, Heading, HStack, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { useId, useState, type RefObject } from 'react';
import { getFragmentData, type FragmentType } from '../../gql';
import type { PaymentMethod } from '../../gql/graphql';
import { formatCalendarDate, formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog, useFormOnDemand } from '../../shared/ui';
import { SelectField, TextField } from '../../shared/ui/form-fields';
import { useAuth } from '../auth/AuthProvider';
import { downloadPdf, PdfDownloadError } from '../my-health/download-pdf';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { decimalInput, formatMoney } from './money';
import {
  InvoiceFieldsFragment,
  IssueInvoiceMutation,
  PoliciesQuery,
  OWED_QUERIES,
  RecordPaymentMutation,
  SubmitClaimMutation,
  VoidInvoiceMutation,
} from './operations';

const METHODS: readonly { value: PaymentMethod; label: string }[] = [
  { value: 'CASH', label: 'Cash' },
  { value: 'CARD', label: 'Card (terminal)' },
  { value: 'TRANSFER', label: 'Bank transfer' },
  { value: 'INSURANCE', label: 'Insurance remittance' },
];

function useDownload() {
  const { accessToken } = useAuth();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const download = async (key: string, path: string, fileName: string, what: string) => {
    setBusy(key);
    setProblem(undefined);
    try {
      await downloadPdf(accessToken, path, fileName, what);
    } catch (error) {
      setProblem(
        error instanceof PdfDownloadError ? error.message : 'The PDF could not be downloaded. Please try again.',
      );
    } finally {
      setBusy(undefined);
    }
  };
  return { download, busy, problem };
}

/** Records money received: amount in the invoice's currency, method and its proof. */
function PaymentForm({
  invoiceId,
  currency,
  balance,
  onClose,
  formRef,
}: {
  invoiceId: string;
  currency: string;
  balance: string;
  /** Recorded, or not now. */
  onClose: () => void;
  formRef: RefObject<HTMLFormElement | null>;
}) {
  const [amount, setAmount] = useState(balance);
  const [method, setMethod] = useState<PaymentMethod>('CASH');
  const [reference, setReference] = useState('');
  const [localError, setLocalError] = useState<string>();
  const [record, { loading, error, reset }] = useMutation(RecordPaymentMutation, { refetchQueries: OWED_QUERIES });
  const errors = fieldErrors(error);
  const submit = async () => {
    reset();
    const value = decimalInput(amount);
    if (!value || Number(value) <= 0) {
      setLocalError('Enter an amount such as 40.00.');
      return;
    }
    setLocalError(undefined);
    await record({
      variables: { invoiceId, input: { amount: value, currency, method, reference: reference.trim() || null } },
    })
      .then(onClose)
      .catch(() => undefined);
  };
  return (
    <Box
      as="form"
      ref={formRef}
      aria-label="Record a payment"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      borderWidth="1px"
      borderRadius="l2"
      p="3"
    >
      <Heading as="h4" size="sm" mb="2">
        Record a payment
      </Heading>
      <SimpleGrid columns={{ base: 1, md: 3 }} gap="3">
        <TextField
          label={`Amount (${currency})`}
          value={amount}
          onChange={setAmount}
          error={localError ?? errors['amount']}
          required
        />
        <SelectField label="Method" value={method} onChange={(v) => setMethod(v as PaymentMethod)} options={METHODS} />
        <TextField
          label="Reference"
          value={reference}
          onChange={setReference}
          helper={method === 'CASH' ? 'Optional for cash' : 'Slip, transfer or remittance number'}
          error={errors['reference']}
        />
      </SimpleGrid>
      {error && !Object.keys(errors).length ? (
        <Alert.Root status="error" mt="2" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Title>{plainMessage(error)}</Alert.Title>
        </Alert.Root>
      ) : null}
      <Flex gap="2" mt="3">
        <Button type="submit" size="sm" colorPalette="brand" loading={loading}>
          Record payment
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </Flex>
    </Box>
  );
}

/** Claims the balance against one of the patient's policies valid on the visit's date. */
function ClaimForm({ invoiceId, patientId }: { invoiceId: string; patientId: string }) {
  const [load, policies] = useLazyQuery(PoliciesQuery);
  const [policyId, setPolicyId] = useState('');
  const [submitClaim, { loading, error, data }] = useMutation(SubmitClaimMutation);
  const errors = fieldErrors(error);
  if (!policies.called) {
    return (
      <Button
        size="sm"
        variant="outline"
        alignSelf="flex-start"
        onClick={() => void load({ variables: { patientId } })}
      >
        Claim from insurance…
      </Button>
    );
  }
  const options = (policies.data?.insurancePolicies ?? []).map((p) => ({
    value: p.id,
    label: `${p.provider} · ${p.policyNumber} (${p.validFrom} – ${p.validTo ?? 'open'})`,
  }));
  if (data) {
    return <Text color="fg.success">Claim submitted.</Text>;
  }
  return (
    <Stack gap="2" borderWidth="1px" borderRadius="l2" p="3">
      {policies.loading ? <Text>Loading policies…</Text> : null}
      {!policies.loading && options.length === 0 ? <Text>The patient has no insurance policy on file.</Text> : null}
      {options.length ? (
        <>
          <SelectField
            label="Policy"
            value={policyId}
            onChange={setPolicyId}
            options={options}
            placeholder="Choose a policy"
            error={errors['policyId']}
          />
          {error && !errors['policyId'] ? <Text color="fg.error">{plainMessage(error)}</Text> : null}
          <Button
            size="sm"
            alignSelf="flex-start"
            disabled={!policyId}
            loading={loading}
            onClick={() => void submitClaim({ variables: { invoiceId, policyId } }).catch(() => undefined)}
          >
            Submit claim
          </Button>
        </>
      ) : null}
    </Stack>
  );
}

/**
 * One invoice: lines, payments, balance, PDFs; for administrators also issue, payment, claim
 * and void (asking for a reason first).
 */
export function InvoiceCard({
  invoice: invoiceRef,
  patientName,
  admin = false,
}: {
  invoice: FragmentType<typeof InvoiceFieldsFragment>;
  patientName?: string;
  admin?: boolean;
}) {
  const invoice = getFragmentData(InvoiceFieldsFragment, invoiceRef);
  const zone = viewerTimeZone();
  const { download, busy, problem } = useDownload();
  const [issue, issuing] = useMutation(IssueInvoiceMutation, { refetchQueries: OWED_QUERIES });
  const [voidInvoice, voiding] = useMutation(VoidInvoiceMutation, { refetchQueries: OWED_QUERIES });
  const [asking, setAsking] = useState(false);
  const {
    open: paying,
    show: pay,
    close: closePayment,
    formRef: paymentRef,
    buttonRef: payButtonRef,
  } = useFormOnDemand();
  const [reason, setReason] = useState('');
  const open = invoice.status === 'ISSUED' || invoice.status === 'PARTIALLY_PAID';
  const actionError = issuing.error ?? voiding.error;
  // The card is named, and its buttons (the same on every card) described, by its invoice (and patient).
  const titleId = useId();
  const cardName = patientName ? `${titleId} ${titleId}-patient` : titleId;
  return (
    <Box
      as="li"
      listStyleType="none"
      borderWidth="1px"
      borderRadius="l3"
      bg="bg"
      p="4"
      data-testid="invoice"
      aria-labelledby={cardName}
    >
      <Flex justify="space-between" gap="3" wrap="wrap" align="flex-start">
        <Stack gap="0.5">
          <Text id={titleId} fontWeight="semibold">
            Invoice {invoice.number}
          </Text>
          {patientName ? (
            <Text id={`${titleId}-patient`} fontSize="sm">
              {patientName}
            </Text>
          ) : null}
          <Text color="fg.muted" fontSize="sm">
            {invoice.issuedAt
              ? `Issued ${formatDateTime(invoice.issuedAt, zone)}`
              : admin
                ? 'Not issued yet'
                : 'Being prepared: nothing is due until the clinic issues it'}
            {invoice.dueDate && open ? ` · due ${formatCalendarDate(invoice.dueDate)}` : ''}
          </Text>
        </Stack>
        {/* On its own line when the header wraps (a phone), still at the right. */}
        <Stack gap="1" align="flex-end" ms="auto">
          <HStack gap="1">
            {invoice.overdue ? <Badge colorPalette="red">Overdue</Badge> : null}
            <InvoiceStatusBadge status={invoice.status} />
          </HStack>
          <Text fontWeight="semibold">{formatMoney(invoice.total)}</Text>
          {open ? <Text fontSize="sm">Balance {formatMoney(invoice.balance)}</Text> : null}
        </Stack>
      </Flex>
      {/* Focusable, so that a keyboard can scroll it when a phone is too narrow for the table. */}
      <Box overflowX="auto" mt="3" tabIndex={0} role="group" aria-label={`Lines of invoice ${invoice.number}`}>
        <Table.Root size="sm">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Description</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Qty</Table.ColumnHeader>
              <Table.ColumnHeader textAlign="end">Amount</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {invoice.lines.map((line, index) => (
              <Table.Row key={index}>
                <Table.Cell>{line.description}</Table.Cell>
                <Table.Cell textAlign="end">{line.quantity}</Table.Cell>
                <Table.Cell textAlign="end">{formatMoney(line.total)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Box>
      {invoice.payments.length ? (
        <Stack as="ul" gap="1" mt="3" ps="0" aria-label="Payments">
          {invoice.payments.map((payment, index) => (
            <Flex as="li" key={payment.id} justify="space-between" gap="2" wrap="wrap" fontSize="sm">
              <Text id={`${titleId}-payment-${index}`}>
                {formatDateTime(payment.paidAt, zone)} · {payment.method.toLowerCase()}
                {payment.reference ? ` · ${payment.reference}` : ''}
              </Text>
              <Flex gap="2" align="center">
                <Text fontWeight="medium">{formatMoney(payment.amount)}</Text>
                <Button
                  size="xs"
                  variant="ghost"
                  loading={busy === payment.id}
                  aria-describedby={`${titleId}-payment-${index} ${titleId}`}
                  onClick={() =>
                    void download(payment.id, `/receipts/${payment.id}.pdf`, `receipt-${payment.id}.pdf`, 'receipt')
                  }
                >
                  Receipt
                </Button>
              </Flex>
            </Flex>
          ))}
        </Stack>
      ) : null}
      {invoice.voidReason ? (
        <Text fontSize="sm" color="fg.muted" mt="2">
          Voided: {invoice.voidReason}
        </Text>
      ) : null}
      <Flex gap="2" mt="3" wrap="wrap">
        <Button
          size="sm"
          variant="outline"
          loading={busy === 'invoice'}
          aria-describedby={cardName}
          onClick={() =>
            void download('invoice', `/invoices/${invoice.id}.pdf`, `invoice-${invoice.number}.pdf`, 'invoice')
          }
        >
          Download PDF
        </Button>
        {admin && invoice.status === 'DRAFT' ? (
          <Button
            size="sm"
            colorPalette="brand"
            loading={issuing.loading}
            aria-describedby={cardName}
            onClick={() => void issue({ variables: { id: invoice.id } }).catch(() => undefined)}
          >
            Issue invoice
          </Button>
        ) : null}
        {admin && invoice.status !== 'VOID' && invoice.payments.length === 0 ? (
          <Button
            size="sm"
            variant="ghost"
            colorPalette="red"
            aria-describedby={cardName}
            onClick={() => setAsking(true)}
          >
            Void…
          </Button>
        ) : null}
      </Flex>
      {problem || actionError ? (
        <Alert.Root status="error" mt="2" borderRadius="l2">
          <Alert.Indicator />
          <Alert.Title>{problem ?? plainMessage(actionError)}</Alert.Title>
        </Alert.Root>
      ) : null}
      {/* One form at a time, when asked for: a page of open invoices stays a list to scan. */}
      {admin && open ? (
        <Stack gap="3" mt="3">
          {paying ? (
            <PaymentForm
              invoiceId={invoice.id}
              currency={invoice.balance.currency}
              balance={invoice.balance.amount}
              onClose={closePayment}
              formRef={paymentRef}
            />
          ) : (
            <Button
              size="sm"
              variant="outline"
              alignSelf="flex-start"
              aria-describedby={cardName}
              ref={payButtonRef}
              onClick={pay}
            >
              Record a payment…
            </Button>
          )}
          <ClaimForm invoiceId={invoice.id} patientId={invoice.patientId} />
        </Stack>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={`Void invoice ${invoice.number}?`}
        description="A void invoice stays on record with its number and the reason; it can no longer be paid."
        confirmLabel="Void invoice"
        pending={voiding.loading}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          if (!reason.trim()) {
            return;
          }
          void voidInvoice({ variables: { id: invoice.id, reason: reason.trim() } })
            .then(() => setAsking(false))
            .catch(() => setAsking(false));
        }}
      >
        <TextField
          label="Reason"
          value={reason}
          onChange={setReason}
          required
          multiline
          error={voiding.error ? plainMessage(voiding.error) : undefined}
        />
      </ConfirmDialog>
    </Box>
  );
}
