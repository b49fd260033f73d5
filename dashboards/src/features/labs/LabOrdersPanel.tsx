import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  chakra,
  Flex,
  Heading,
  HStack,
  SimpleGrid,
  Stack,
  Text,
  Wrap,
} from '@chakra-ui/react';
import { useId, useState, type FormEvent } from 'react';
import { getFragmentData, type FragmentType } from '../../gql';
import { AttachmentList, type AttachmentFileFragment } from '../../shared/AttachmentList';
import { ACCEPT_ATTRIBUTE, useFileUpload } from '../../shared/file-upload';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { EmptyState, ErrorState, LoadingList, SelectField, TextField } from '../../shared/ui';
import { FormCard } from '../../shared/ui/FormCard';
import { ReasonedChange } from '../../shared/ui/ReasonedChange';
import { LoadMore } from '../../shared/ui/LoadMore';
import { useLoadMore } from '../../shared/useLoadMore';
import { coveringFor, DoctorAwayFragment } from '../doctors/covering';
import { DoctorName } from '../doctors/DoctorName';
import { displayUnit, isCritical, LabOrderStatusBadge, referenceRange } from './LabFlag';
import { LabResultsTable } from './LabResultsTable';
import { LabTrend } from './LabTrend';
import { BriefResults } from './BriefResults';
import { useMarkReviewed } from './ResultsToReview';
import {
  CancelLabOrderMutation,
  LabCatalogueQuery,
  LabOrderCardFragment,
  LabResultRowFragment,
  MarkLabSpecimenCollectedMutation,
  OrderLabTestsMutation,
  PatientLabOrdersQuery,
  RecordLabResultsMutation,
} from './operations';

export interface LabVisitOption {
  readonly id: string;
  readonly label: string;
}

/** The chart's lab section: order tests from the catalogue, record results, attach the report. */
/** The newest orders shown in full; older ones with their results in read as one line each. */
const ORDERS_IN_FULL = 2;

export function LabOrdersPanel({
  patientId,
  doctorId,
  visits,
  defaultAppointmentId,
}: {
  patientId: string;
  doctorId: string | undefined;
  visits: readonly LabVisitOption[];
  defaultAppointmentId?: string | undefined;
}) {
  // The newest few orders come with the chart; older ones load on "Load more".
  const { data, loading, error, refetch, fetchMore, networkStatus } = useQuery(PatientLabOrdersQuery, {
    variables: { patientId },
  });
  const more = useLoadMore(data?.patient?.labOrders.pageInfo, fetchMore, networkStatus);
  const [ordering, setOrdering] = useState(false);
  const orders = data?.patient?.labOrders.edges.map((edge) => edge.node) ?? [];
  return (
    <Stack as="section" gap="3" aria-labelledby="lab-orders-heading">
      <HStack justify="space-between" wrap="wrap">
        <Heading as="h2" size="lg" id="lab-orders-heading">
          Lab tests
        </Heading>
        {doctorId ? (
          <Button colorPalette="brand" variant="outline" aria-pressed={ordering} onClick={() => setOrdering(!ordering)}>
            Order lab tests
          </Button>
        ) : null}
      </HStack>
      {ordering ? (
        <OrderLabTestsForm
          patientId={patientId}
          visits={visits}
          defaultAppointmentId={defaultAppointmentId}
          onDone={() => {
            setOrdering(false);
            void refetch();
          }}
        />
      ) : null}
      {loading && !data ? (
        <LoadingList rows={2} label="Loading lab orders…" />
      ) : error ? (
        <ErrorState error={error} title="Lab orders did not load" onRetry={() => void refetch()} />
      ) : orders.length === 0 ? (
        <EmptyState title="No lab tests yet" description="Tests you order appear here with their results." />
      ) : (
        <>
          <LabTrend
            patientId={patientId}
            orders={orders.map((order) => getFragmentData(LabOrderCardFragment, order))}
            resultLabel="Result"
            minPoints={2}
          />
          {orders.map((order, index) => (
            <LabOrderCard
              key={order.id}
              order={order}
              patientId={patientId}
              doctorId={doctorId}
              onAttached={() => refetch()}
              compact={index >= ORDERS_IN_FULL}
            />
          ))}
          <LoadMore
            count={orders.length}
            total={data?.patient?.labOrders.totalCount}
            noun="lab order"
            hasNextPage={data?.patient?.labOrders.pageInfo.hasNextPage}
            more={more}
          />
        </>
      )}
    </Stack>
  );
}

function OrderLabTestsForm({
  patientId,
  visits,
  defaultAppointmentId,
  onDone,
}: {
  patientId: string;
  visits: readonly LabVisitOption[];
  defaultAppointmentId?: string | undefined;
  onDone: () => void;
}) {
  const catalogue = useQuery(LabCatalogueQuery);
  const [codes, setCodes] = useState<string[]>([]);
  const [appointmentId, setAppointmentId] = useState(defaultAppointmentId ?? '');
  const [notes, setNotes] = useState('');
  const [order, { loading, error }] = useMutation(OrderLabTestsMutation);
  const entries = catalogue.data?.labCatalogue ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await order({
      variables: {
        input: {
          patientId,
          appointmentId: appointmentId || null,
          tests: codes.map((code) => ({ code })),
          notes: notes.trim() || null,
        },
      },
    }).then(onDone, () => undefined);
  };
  const toggle = (code: string, on: boolean) =>
    setCodes((list) => (on ? [...list, code] : list.filter((item) => item !== code)));
  const group = (panels: boolean) => (
    <SimpleGrid columns={{ base: 1, md: 2 }} gap="2">
      {entries
        .filter((entry) => entry.isPanel === panels)
        .map((entry) => (
          <Checkbox.Root
            key={entry.code}
            size="sm"
            alignItems="flex-start"
            checked={codes.includes(entry.code)}
            onCheckedChange={(details) => toggle(entry.code, details.checked === true)}
          >
            <Checkbox.HiddenInput />
            <Checkbox.Control />
            <Checkbox.Label>
              {entry.name}{' '}
              <chakra.span color="fg.muted" fontWeight="normal">
                (
                {entry.isPanel
                  ? `${entry.members.length} tests`
                  : referenceRange(entry.referenceLow, entry.referenceHigh, entry.unit) || 'coded'}
                )
              </chakra.span>
            </Checkbox.Label>
          </Checkbox.Root>
        ))}
    </SimpleGrid>
  );
  return (
    <FormCard
      title="Order lab tests"
      error={error}
      submitLabel={codes.length ? `Order ${codes.length} item${codes.length > 1 ? 's' : ''}` : 'Order'}
      loading={loading}
      onSubmit={(event) => void submit(event)}
      onCancel={onDone}
    >
      {catalogue.loading ? <LoadingList rows={2} label="Loading the catalogue…" /> : null}
      <Text fontWeight="medium">Panels</Text>
      {group(true)}
      <Text fontWeight="medium">Single tests</Text>
      {group(false)}
      {error ? <Text color="fg.error">{Object.values(fieldErrors(error)).join(' ')}</Text> : null}
      <SelectField
        label="Visit"
        value={appointmentId}
        onChange={setAppointmentId}
        placeholder="Not linked to a visit"
        options={visits.map((visit) => ({ value: visit.id, label: visit.label }))}
      />
      <TextField label="Notes for the laboratory" value={notes} onChange={setNotes} multiline rows={2} />
      <Text fontSize="xs" color="fg.muted">
        Test codes and names: LOINC, © Regenstrief Institute, used under the LOINC licence.
      </Text>
    </FormCard>
  );
}

function LabOrderCard({
  order: orderRef,
  patientId,
  doctorId,
  onAttached,
  compact = false,
}: {
  order: FragmentType<typeof LabOrderCardFragment>;
  patientId: string;
  doctorId: string | undefined;
  onAttached: () => Promise<unknown>;
  /** An older order: its results as one line ("HbA1c 7.1 % High · Glucose 128 mg/dL High"). */
  compact?: boolean;
}) {
  const order = getFragmentData(LabOrderCardFragment, orderRef);
  const zone = viewerTimeZone();
  const [entering, setEntering] = useState(false);
  const [collect, collecting] = useMutation(MarkLabSpecimenCollectedMutation);
  const [cancel, cancelling] = useMutation(CancelLabOrderMutation);
  const [review, reviewing] = useMarkReviewed();
  const mine = doctorId !== undefined && getFragmentData(DoctorAwayFragment, order.doctor).id === doctorId;
  // Results of a doctor who is away (has left, or is on time off) are reviewed by the patient's
  // other doctors too (the API checks care).
  const covering = coveringFor(order.doctor, doctorId, zone);
  const open = order.status === 'ORDERED' || order.status === 'COLLECTED';
  // An older order with its results in reads as one line until asked for; never one with a critical
  // result, one still open, or one whose results are being entered.
  const [expanded, setExpanded] = useState(false);
  const critical = order.results.some((result) =>
    isCritical(getFragmentData(LabResultRowFragment, result).interpretation),
  );
  const brief = compact && !expanded && order.status === 'RESULTED' && !critical && !entering;
  // The cancellation's refusal shows in its dialog.
  const actionError = collecting.error ?? reviewing.error;
  // What says which order a button acts on (every card has the same buttons).
  const headId = useId();
  const markReviewed =
    order.status === 'RESULTED' && !order.reviewedAt ? (
      <Button
        size="xs"
        variant="outline"
        loading={reviewing.loading}
        aria-describedby={headId}
        onClick={() => void review({ variables: { orderId: order.id } }).catch(() => undefined)}
      >
        Mark reviewed
      </Button>
    ) : null;
  return (
    <Box borderWidth="1px" borderRadius="l3" p="4" bg="bg" data-testid="lab-order">
      <Stack gap="3">
        <HStack justify="space-between" wrap="wrap" gap="2">
          <HStack gap="2" wrap="wrap" id={headId}>
            <LabOrderStatusBadge status={order.status} />
            <Text fontSize="sm" color="fg.muted">
              Ordered {formatDateTime(order.orderedAt, zone)} by <DoctorName doctor={order.doctor} />
              {covering ? ` (${covering.why})` : ''}
              {order.reviewedAt ? ` · reviewed ${formatDateTime(order.reviewedAt, zone)}` : ''}
            </Text>
          </HStack>
          {covering ? markReviewed : null}
          {mine ? (
            <Wrap gap="2">
              {order.status === 'ORDERED' ? (
                <Button
                  size="xs"
                  variant="outline"
                  loading={collecting.loading}
                  onClick={() => void collect({ variables: { orderId: order.id } }).catch(() => undefined)}
                >
                  Sample taken
                </Button>
              ) : null}
              {order.status !== 'CANCELLED' ? (
                <Button size="xs" colorPalette="brand" aria-pressed={entering} onClick={() => setEntering(!entering)}>
                  {order.status === 'RESULTED' ? 'Correct results' : 'Enter results'}
                </Button>
              ) : null}
              {markReviewed}
              {open ? (
                <ReasonedChange
                  trigger={{ label: 'Cancel order', colorPalette: 'red', describedBy: headId }}
                  destructive
                  title="Cancel this lab order?"
                  description="The lab stops work on it and the patient sees it as cancelled. The reason is kept with the order."
                  confirmLabel="Cancel order"
                  reasonLabel="Reason for cancelling"
                  reasonMissing="Say why, in a few words."
                  pending={cancelling.loading}
                  error={cancelling.error}
                  onReset={cancelling.reset}
                  onSubmit={(reason) => cancel({ variables: { orderId: order.id, reason } })}
                />
              ) : null}
            </Wrap>
          ) : null}
        </HStack>
        {actionError ? (
          <Alert.Root status="error" size="sm">
            <Alert.Indicator />
            <Alert.Title>{plainMessage(actionError)}</Alert.Title>
          </Alert.Root>
        ) : null}
        {order.status === 'CANCELLED' ? <Text fontSize="sm">Cancelled: {order.cancelReason}</Text> : null}
        {brief ? (
          <Flex gap="3" align="center" justify="space-between" wrap="wrap">
            <BriefResults results={order.results} />
            <Button
              size="xs"
              variant="ghost"
              aria-expanded={false}
              aria-describedby={headId}
              onClick={() => setExpanded(true)}
            >
              Show details
            </Button>
          </Flex>
        ) : (
          <>
            {order.results.length ? (
              <LabResultsTable results={order.results} />
            ) : (
              <Text fontSize="sm" color="fg.muted">
                {order.tests.map((test) => test.name).join(' · ')}
              </Text>
            )}
            {entering ? <ResultsForm orderId={order.id} tests={order.tests} onDone={() => setEntering(false)} /> : null}
            <Attachments order={order} patientId={patientId} canAttach={mine} onAttached={onAttached} />
          </>
        )}
      </Stack>
    </Box>
  );
}

function ResultsForm({
  orderId,
  tests,
  onDone,
}: {
  orderId: string;
  tests: readonly { code: string; name: string }[];
  onDone: () => void;
}) {
  const catalogue = useQuery(LabCatalogueQuery);
  const units = new Map((catalogue.data?.labCatalogue ?? []).map((entry) => [entry.code, entry]));
  const [values, setValues] = useState<Record<string, string>>({});
  const [record, { loading, error }] = useMutation(RecordLabResultsMutation);
  const problems = fieldErrors(error, { by: 'path' });
  const filled = tests.filter((test) => values[test.code]?.trim());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await record({
      variables: { orderId, results: filled.map((test) => ({ code: test.code, value: values[test.code]!.trim() })) },
    }).then(onDone, () => undefined);
  };
  return (
    <FormCard
      title="Results"
      error={error}
      submitLabel="Save results"
      loading={loading}
      onSubmit={(event) => void submit(event)}
      onCancel={onDone}
    >
      <Text fontSize="sm" color="fg.muted">
        Enter the values as the laboratory reports them; the flags are worked out from the reference ranges.
      </Text>
      <SimpleGrid columns={{ base: 1, md: 2 }} gap="3">
        {tests.map((test) => {
          const entry = units.get(test.code);
          const unit = entry?.unit;
          return (
            <TextField
              key={test.code}
              label={`${test.name}${unit ? ` (${displayUnit(unit)})` : ''}`}
              value={values[test.code] ?? ''}
              onChange={(value) => setValues((all) => ({ ...all, [test.code]: value }))}
              error={problems[`results.${filled.indexOf(test)}.value`]}
              helper={
                unit
                  ? `Reference ${referenceRange(entry?.referenceLow, entry?.referenceHigh, unit) || 'none'}`
                  : entry?.normalValues.length
                    ? `e.g. ${entry.normalValues.join(' / ')}`
                    : undefined
              }
            />
          );
        })}
      </SimpleGrid>
    </FormCard>
  );
}

function Attachments({
  order,
  patientId,
  canAttach,
  onAttached,
}: {
  order: { id: string; attachments: readonly FragmentType<typeof AttachmentFileFragment>[] };
  patientId: string;
  canAttach: boolean;
  onAttached: () => Promise<unknown>;
}) {
  const uploadFile = useFileUpload();
  const [state, setState] = useState<{ busy: boolean; message?: string }>({ busy: false });
  const upload = async (file: File) => {
    setState({ busy: true });
    try {
      await uploadFile(file, { patientId, labOrderId: order.id });
      // The file shows in the order's list once kept: read the list again.
      await onAttached();
      setState({ busy: false, message: `${file.name} is attached.` });
    } catch (failure) {
      setState({ busy: false, message: plainMessage(failure) });
    }
  };
  return (
    <Stack gap="1">
      <AttachmentList attachments={order.attachments} label="Laboratory reports" />
      {canAttach ? (
        <HStack gap="2">
          <chakra.label fontSize="sm" color="brand.fg" cursor="pointer" textDecoration="underline">
            {state.busy ? 'Uploading…' : 'Attach lab report'}
            <chakra.input
              type="file"
              accept={ACCEPT_ATTRIBUTE}
              srOnly
              disabled={state.busy}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) {
                  void upload(file);
                }
              }}
            />
          </chakra.label>
          {state.message ? (
            <Text fontSize="sm" role="status">
              {state.message}
            </Text>
          ) : null}
        </HStack>
      ) : null}
    </Stack>
  );
}
