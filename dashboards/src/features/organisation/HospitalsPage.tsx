import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Badge, Box, Button, Flex, Heading, SimpleGrid, Stack, Table, Text } from '@chakra-ui/react';
import { Fragment, useState } from 'react';
import type { BedStatus } from '../../gql/graphql';
import { formatCalendarDate, formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog, EmptyState, ErrorState, LoadingList } from '../../shared/ui';
import { fullName, PageHeader } from '../admin/ui';
import { SelectField, TextField } from '../../shared/ui/form-fields';
import {
  AdmitPatientMutation,
  BedAvailabilitySubscription,
  CreateBedMutation,
  CreateDepartmentMutation,
  CreateHospitalMutation,
  DischargePatientMutation,
  HospitalBedsQuery,
  HospitalsQuery,
  PatientSearchQuery,
  SetBedStatusMutation,
  TransferPatientMutation,
  UpdateDepartmentMutation,
  UpdateHospitalMutation,
} from './operations';

const BED_STATUS: Record<BedStatus, { label: string; palette: string }> = {
  AVAILABLE: { label: 'Available', palette: 'green' },
  OCCUPIED: { label: 'Occupied', palette: 'blue' },
  CLEANING: { label: 'Cleaning', palette: 'orange' },
  OUT_OF_SERVICE: { label: 'Out of service', palette: 'gray' },
};
const SETTABLE: BedStatus[] = ['AVAILABLE', 'CLEANING', 'OUT_OF_SERVICE'];

/** Beds per department, live: pushed by the server after every committed change. */
function Availability({
  hospitalId,
  initial,
}: {
  hospitalId: string;
  initial: { department: { id: string }; total: number; available: number; occupied: number }[];
}) {
  const live = useSubscription(BedAvailabilitySubscription, { variables: { hospitalId } });
  const { data: hospitals } = useQuery(HospitalsQuery);
  const names = new Map(hospitals?.hospitals.flatMap((h) => h.departments.map((d) => [d.id, d.name] as const)) ?? []);
  const rows = live.data?.bedAvailabilityChanged ?? initial;
  return (
    <SimpleGrid as="section" aria-label="Bed availability" columns={{ base: 2, md: 4 }} gap="3">
      {rows.map((row) => (
        <Box key={row.department.id} borderWidth="1px" borderRadius="l3" p="3" bg="bg.subtle">
          <Text fontSize="sm" color="fg.muted">
            {names.get(row.department.id) ?? 'Department'}
          </Text>
          <Text fontSize="2xl" fontWeight="semibold">
            {row.available}{' '}
            <Text as="span" fontSize="sm" fontWeight="normal">
              of {row.total} free
            </Text>
          </Text>
          <Text fontSize="xs" color="fg.muted">
            {row.occupied} occupied{live.data ? ' · live' : ''}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}

/** The end of a form in a bed's row: what went wrong, the action, and Cancel. */
function RowFormEnd({
  label,
  ready,
  loading,
  error,
  onCancel,
}: {
  label: string;
  ready: boolean;
  loading: boolean;
  error: unknown;
  onCancel: () => void;
}) {
  return (
    <>
      {error ? <Text color="fg.error">{plainMessage(error)}</Text> : null}
      <Flex gap="2">
        <Button type="submit" size="sm" colorPalette="brand" disabled={!ready} loading={loading}>
          {label}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </Flex>
    </>
  );
}

function AdmitForm({ bedId, bedName, onDone }: { bedId: string; bedName: string; onDone: () => void }) {
  const [search, setSearch] = useState('');
  const [patientId, setPatientId] = useState('');
  const patients = useQuery(PatientSearchQuery, { variables: { search }, skip: search.trim().length < 2 });
  const [admit, { loading, error }] = useMutation(AdmitPatientMutation, { refetchQueries: [HospitalBedsQuery] });
  const options = (patients.data?.patients.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: `${fullName(node)} (born ${formatCalendarDate(node.dateOfBirth)})`,
  }));
  return (
    <Stack
      as="form"
      aria-label={`Admit a patient to ${bedName}`}
      gap="2"
      p="2"
      maxW="md"
      onSubmit={(event) => {
        event.preventDefault();
        if (patientId) {
          void admit({ variables: { input: { patientId, bedId } } })
            .then(onDone)
            .catch(() => undefined);
        }
      }}
    >
      <TextField label="Find the patient" value={search} onChange={setSearch} placeholder="Name, e-mail or phone" />
      {options.length ? (
        <SelectField label="Patient" value={patientId} onChange={setPatientId} options={options} placeholder="Choose" />
      ) : null}
      <RowFormEnd label="Admit" ready={Boolean(patientId)} loading={loading} error={error} onCancel={onDone} />
    </Stack>
  );
}

/** Where an admitted patient may move: the hospital's AVAILABLE beds, by department. */
function MoveForm({
  admissionId,
  patientName,
  beds,
  onDone,
}: {
  admissionId: string;
  patientName: string;
  beds: readonly { value: string; label: string }[];
  onDone: () => void;
}) {
  const [bedId, setBedId] = useState('');
  const [move, { loading, error }] = useMutation(TransferPatientMutation, { refetchQueries: [HospitalBedsQuery] });
  return (
    <Stack
      as="form"
      aria-label={`Move ${patientName} to another bed`}
      gap="2"
      p="2"
      maxW="md"
      onSubmit={(event) => {
        event.preventDefault();
        if (bedId) {
          void move({ variables: { admissionId, bedId } })
            .then(onDone)
            .catch(() => undefined);
        }
      }}
    >
      {beds.length === 0 ? (
        <Text color="fg.muted">No bed of this hospital is free.</Text>
      ) : (
        <SelectField label="Move to" value={bedId} onChange={setBedId} options={beds} placeholder="Choose a free bed" />
      )}
      <Text fontSize="sm" color="fg.muted">
        The stay goes on in the new bed; this one goes to cleaning.
      </Text>
      <RowFormEnd label="Move" ready={Boolean(bedId)} loading={loading} error={error} onCancel={onDone} />
    </Stack>
  );
}

function Beds({ hospitalId }: { hospitalId: string }) {
  const { data, loading, error, refetch } = useQuery(HospitalBedsQuery, { variables: { hospitalId } });
  const [setStatus, statusChange] = useMutation(SetBedStatusMutation);
  const [discharge, discharging] = useMutation(DischargePatientMutation, { refetchQueries: [HospitalBedsQuery] });
  const [admitting, setAdmitting] = useState<string>();
  const [moving, setMoving] = useState<string>();
  const [leaving, setLeaving] = useState<{ id: string; name: string }>();
  const zone = viewerTimeZone();
  if (error) {
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  }
  if (loading && !data) {
    return <LoadingList label="Loading beds…" />;
  }
  const hospital = data?.hospitals.find((h) => h.id === hospitalId);
  const problem = statusChange.error ?? discharging.error;
  const freeBeds = (hospital?.departments ?? []).flatMap((department) =>
    department.beds
      .filter((bed) => bed.status === 'AVAILABLE')
      .map((bed) => ({ value: bed.id, label: `${department.name}, ${bed.ward} · ${bed.label}` })),
  );
  return (
    <Stack gap="5">
      <Availability hospitalId={hospitalId} initial={data?.bedAvailability ?? []} />
      {problem ? <Text color="fg.error">{plainMessage(problem)}</Text> : null}
      {hospital?.departments.map((department) => (
        <Stack as="section" key={department.id} gap="2">
          <Heading as="h3" size="md">
            {department.name}
          </Heading>
          {department.beds.length === 0 ? (
            <Text color="fg.muted">No beds yet.</Text>
          ) : (
            <Box overflowX="auto" borderWidth="1px" borderRadius="l3">
              <Table.Root size="sm">
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeader>Bed</Table.ColumnHeader>
                    <Table.ColumnHeader>Patient</Table.ColumnHeader>
                    <Table.ColumnHeader>Action</Table.ColumnHeader>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {department.beds.map((bed) => {
                    const name = `${bed.ward} · ${bed.label}`;
                    // Buttons' names say which bed: wards and labels repeat across departments.
                    const place = `${department.name}, ${name}`;
                    return (
                      <Fragment key={bed.id}>
                        <Table.Row>
                          <Table.Cell>
                            <Text whiteSpace="nowrap">{name}</Text>
                            <Badge mt="1" colorPalette={BED_STATUS[bed.status].palette}>
                              {BED_STATUS[bed.status].label}
                            </Badge>
                          </Table.Cell>
                          <Table.Cell>
                            {bed.admission ? (
                              <>
                                {fullName(bed.admission.patient)}
                                <Text fontSize="xs" color="fg.muted">
                                  since {formatDateTime(bed.admission.admittedAt, zone)}
                                </Text>
                              </>
                            ) : (
                              '—'
                            )}
                          </Table.Cell>
                          <Table.Cell>
                            {bed.admission ? (
                              <Flex gap="1" wrap="wrap">
                                <Button
                                  size="xs"
                                  variant="outline"
                                  aria-label={`Move ${fullName(bed.admission.patient)} from ${place}`}
                                  aria-expanded={moving === bed.id}
                                  onClick={() => setMoving(moving === bed.id ? undefined : bed.id)}
                                >
                                  Move…
                                </Button>
                                <Button
                                  size="xs"
                                  variant="outline"
                                  aria-label={`Discharge ${fullName(bed.admission.patient)} from ${place}`}
                                  onClick={() =>
                                    setLeaving({ id: bed.admission!.id, name: fullName(bed.admission!.patient) })
                                  }
                                >
                                  Discharge…
                                </Button>
                              </Flex>
                            ) : (
                              <Flex gap="1" wrap="wrap">
                                {bed.status === 'AVAILABLE' ? (
                                  <Button
                                    size="xs"
                                    colorPalette="brand"
                                    aria-label={`Admit a patient to ${place}`}
                                    aria-expanded={admitting === bed.id}
                                    onClick={() => setAdmitting(admitting === bed.id ? undefined : bed.id)}
                                  >
                                    Admit…
                                  </Button>
                                ) : null}
                                {SETTABLE.filter((s) => s !== bed.status).map((s) => (
                                  <Button
                                    key={s}
                                    size="xs"
                                    variant="ghost"
                                    aria-label={`Mark ${BED_STATUS[s].label.toLowerCase()}: ${place}`}
                                    onClick={() =>
                                      void setStatus({ variables: { id: bed.id, status: s } }).catch(() => undefined)
                                    }
                                  >
                                    Mark {BED_STATUS[s].label.toLowerCase()}
                                  </Button>
                                ))}
                              </Flex>
                            )}
                          </Table.Cell>
                        </Table.Row>
                        {moving === bed.id && bed.admission ? (
                          <Table.Row>
                            <Table.Cell colSpan={3} bg="bg.subtle">
                              <MoveForm
                                admissionId={bed.admission.id}
                                patientName={fullName(bed.admission.patient)}
                                beds={freeBeds}
                                onDone={() => setMoving(undefined)}
                              />
                            </Table.Cell>
                          </Table.Row>
                        ) : null}
                        {admitting === bed.id && !bed.admission ? (
                          <Table.Row>
                            {/* The whole width: a search and a choice do not fit in the action column on a phone. */}
                            <Table.Cell colSpan={3} bg="bg.subtle">
                              <AdmitForm bedName={place} bedId={bed.id} onDone={() => setAdmitting(undefined)} />
                            </Table.Cell>
                          </Table.Row>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </Table.Body>
              </Table.Root>
            </Box>
          )}
        </Stack>
      ))}
      <ConfirmDialog
        open={Boolean(leaving)}
        title={`Discharge ${leaving?.name ?? ''}?`}
        description="The stay ends now and the bed goes to cleaning."
        confirmLabel="Discharge"
        destructive={false}
        pending={discharging.loading}
        onCancel={() => setLeaving(undefined)}
        onConfirm={() =>
          void discharge({ variables: { admissionId: leaving!.id } })
            .catch(() => undefined)
            .finally(() => setLeaving(undefined))
        }
      />
    </Stack>
  );
}

interface SiteToEdit {
  readonly id: string;
  readonly name: string;
  readonly address?: string | null;
  readonly timezone: string;
  readonly departments: readonly { readonly id: string; readonly name: string }[];
}

/** One department's name, renamed in place. */
function DepartmentName({ department }: { department: { id: string; name: string } }) {
  const [name, setName] = useState(department.name);
  const [rename, { loading, error }] = useMutation(UpdateDepartmentMutation);
  const changed = name.trim() !== department.name && name.trim() !== '';
  return (
    <Stack gap="1">
      <Flex gap="2" align="flex-end">
        <Box flex="1">
          <TextField label={`Name of ${department.name}`} value={name} onChange={setName} />
        </Box>
        <Button
          size="sm"
          variant="outline"
          disabled={!changed}
          loading={loading}
          onClick={() => void rename({ variables: { id: department.id, input: { name } } }).catch(() => undefined)}
        >
          Rename
        </Button>
      </Flex>
      {error ? <Text color="fg.error">{plainMessage(error)}</Text> : null}
    </Stack>
  );
}

/**
 * The chosen hospital's name, address and time zone, and its departments' names, corrected in
 * place (its invoice prefix and currency stay: its invoices are numbered and billed in them).
 */
function EditSitePanel({ hospital }: { hospital: SiteToEdit }) {
  const [draft, setDraft] = useState({
    name: hospital.name,
    address: hospital.address ?? '',
    timezone: hospital.timezone,
  });
  const [update, { loading, error, data }] = useMutation(UpdateHospitalMutation);
  const errors = fieldErrors(error);
  return (
    <SimpleGrid columns={{ base: 1, lg: 2 }} gap="4" as="section" aria-label={`Edit ${hospital.name}`}>
      <Stack borderWidth="1px" borderRadius="l3" p="3" gap="2">
        <Heading as="h3" size="sm">
          This hospital
        </Heading>
        <TextField
          label="Hospital name"
          value={draft.name}
          onChange={(name) => setDraft((x) => ({ ...x, name }))}
          error={errors['name']}
        />
        <TextField
          label="Address"
          value={draft.address}
          onChange={(address) => setDraft((x) => ({ ...x, address }))}
          error={errors['address']}
          helper="Printed on its invoices."
        />
        <TextField
          label="Hospital time zone"
          value={draft.timezone}
          onChange={(timezone) => setDraft((x) => ({ ...x, timezone }))}
          error={errors['timezone']}
        />
        {error && !Object.keys(errors).length ? <Text color="fg.error">{plainMessage(error)}</Text> : null}
        {data && !loading && !error ? (
          <Text role="status" color="fg.success">
            Saved.
          </Text>
        ) : null}
        <Button
          size="sm"
          alignSelf="flex-start"
          loading={loading}
          disabled={!draft.name.trim()}
          onClick={() =>
            void update({
              variables: {
                id: hospital.id,
                input: { name: draft.name, address: draft.address, timezone: draft.timezone },
              },
            }).catch(() => undefined)
          }
        >
          Save hospital
        </Button>
      </Stack>
      <Stack borderWidth="1px" borderRadius="l3" p="3" gap="2">
        <Heading as="h3" size="sm">
          Its departments
        </Heading>
        {hospital.departments.length === 0 ? (
          <Text color="fg.muted">No departments yet: add one below.</Text>
        ) : (
          hospital.departments.map((department) => (
            <DepartmentName key={`${department.id}:${department.name}`} department={department} />
          ))
        )}
      </Stack>
    </SimpleGrid>
  );
}

/** New hospital, department and bed, in one compact panel. */
function ManagePanel({ hospitalId, departments }: { hospitalId: string; departments: { id: string; name: string }[] }) {
  const [hospital, setHospital] = useState({ name: '', timezone: 'Europe/Berlin', code: '' });
  const [department, setDepartment] = useState('');
  const [bed, setBed] = useState({ departmentId: '', ward: '', label: '' });
  const refetchQueries = [HospitalsQuery, HospitalBedsQuery];
  const [createHospital, h] = useMutation(CreateHospitalMutation, { refetchQueries });
  const [createDepartment, d] = useMutation(CreateDepartmentMutation, { refetchQueries });
  const [createBed, b] = useMutation(CreateBedMutation, { refetchQueries });
  const hErrors = fieldErrors(h.error);
  const bErrors = fieldErrors(b.error);
  return (
    <SimpleGrid columns={{ base: 1, lg: 3 }} gap="4" as="section" aria-label="Manage">
      <Stack borderWidth="1px" borderRadius="l3" p="3" gap="2">
        <Heading as="h3" size="sm">
          New hospital
        </Heading>
        <TextField
          label="Name"
          value={hospital.name}
          onChange={(name) => setHospital((x) => ({ ...x, name }))}
          error={hErrors['input.name']}
        />
        <TextField
          label="Time zone"
          value={hospital.timezone}
          onChange={(timezone) => setHospital((x) => ({ ...x, timezone }))}
          error={hErrors['input.timezone']}
        />
        <TextField
          label="Invoice prefix"
          value={hospital.code}
          onChange={(code) => setHospital((x) => ({ ...x, code: code.toUpperCase() }))}
          error={hErrors['input.code']}
          helper="Optional, e.g. CGH"
        />
        {h.error && !Object.keys(hErrors).length ? <Text color="fg.error">{plainMessage(h.error)}</Text> : null}
        <Button
          size="sm"
          alignSelf="flex-start"
          loading={h.loading}
          disabled={!hospital.name.trim()}
          onClick={() =>
            void createHospital({
              variables: { input: { name: hospital.name, timezone: hospital.timezone, code: hospital.code || null } },
            }).catch(() => undefined)
          }
        >
          Create hospital
        </Button>
      </Stack>
      <Stack borderWidth="1px" borderRadius="l3" p="3" gap="2">
        <Heading as="h3" size="sm">
          New department
        </Heading>
        <TextField label="Name" value={department} onChange={setDepartment} />
        {d.error ? <Text color="fg.error">{plainMessage(d.error)}</Text> : null}
        <Button
          size="sm"
          alignSelf="flex-start"
          loading={d.loading}
          disabled={!department.trim()}
          onClick={() =>
            void createDepartment({ variables: { input: { hospitalId, name: department } } })
              .then(() => setDepartment(''))
              .catch(() => undefined)
          }
        >
          Add department
        </Button>
      </Stack>
      <Stack borderWidth="1px" borderRadius="l3" p="3" gap="2">
        <Heading as="h3" size="sm">
          New bed
        </Heading>
        <SelectField
          label="Department"
          value={bed.departmentId}
          onChange={(departmentId) => setBed((x) => ({ ...x, departmentId }))}
          options={departments.map((x) => ({ value: x.id, label: x.name }))}
          placeholder="Choose"
        />
        <TextField
          label="Ward"
          value={bed.ward}
          onChange={(ward) => setBed((x) => ({ ...x, ward }))}
          error={bErrors['input.ward']}
        />
        <TextField
          label="Label"
          value={bed.label}
          onChange={(label) => setBed((x) => ({ ...x, label }))}
          error={bErrors['input.label']}
        />
        {b.error && !Object.keys(bErrors).length ? <Text color="fg.error">{plainMessage(b.error)}</Text> : null}
        <Button
          size="sm"
          alignSelf="flex-start"
          loading={b.loading}
          disabled={!bed.departmentId || !bed.ward.trim() || !bed.label.trim()}
          onClick={() =>
            void createBed({ variables: { input: bed } })
              .then(() => setBed((x) => ({ ...x, label: '' })))
              .catch(() => undefined)
          }
        >
          Add bed
        </Button>
      </Stack>
    </SimpleGrid>
  );
}

/** `/admin/hospitals`: sites, departments and beds with live availability; admit and discharge. */
export function HospitalsPage() {
  const { data, loading, error, refetch } = useQuery(HospitalsQuery);
  const [chosen, setChosen] = useState('');
  const hospitals = data?.hospitals ?? [];
  const hospitalId = chosen || hospitals[0]?.id || '';
  const hospital = hospitals.find((h) => h.id === hospitalId);
  return (
    <Stack gap="5">
      <PageHeader
        title="Hospitals and beds"
        description="Bed availability updates live as patients are admitted and discharged."
      />
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <LoadingList label="Loading hospitals…" />
      ) : hospitals.length === 0 ? (
        <EmptyState title="No hospitals yet" />
      ) : (
        <>
          <Flex gap="3" align="flex-end" wrap="wrap">
            <Box minW="64">
              <SelectField
                label="Hospital"
                value={hospitalId}
                onChange={setChosen}
                options={hospitals.map((h) => ({ value: h.id, label: h.name }))}
              />
            </Box>
            {hospital ? (
              <Text color="fg.muted">
                {hospital.timezone} · invoice numbers {hospital.code}-… · billed in {hospital.currency}
              </Text>
            ) : null}
          </Flex>
          {hospitalId ? <Beds key={hospitalId} hospitalId={hospitalId} /> : null}
        </>
      )}
      {hospital ? <EditSitePanel key={hospital.id} hospital={hospital} /> : null}
      <ManagePanel hospitalId={hospitalId} departments={hospital?.departments ?? []} />
    </Stack>
  );
}
