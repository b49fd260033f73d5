import { Alert, Badge, Box, Button, Field, Flex, Heading, Stack, Text, Textarea } from '@chakra-ui/react';
import { useState } from 'react';
import type { ScheduleAppointmentFragment } from '../../gql/graphql';
import { formatDateTime, viewerTimeZone } from '../../shared/format-date-time';
import { plainMessage } from '../../shared/graphql-errors';
import { ConfirmDialog, ErrorState } from '../../shared/ui';
import { IncompleteList } from '../../shared/ui/LoadMore';
import { useBookingRequests, useScheduleActions } from './useDoctorSchedule';

/** Requests shown before "Show all": the soonest, which need an answer first. */
const FIRST_SHOWN = 4;

/**
 * New booking requests (REQUESTED, not yet confirmed), highlighted above the calendar, each with
 * Confirm and Decline right there; declining asks for a reason the patient is told.
 */
export function BookingRequests({ onOpen }: { onOpen: (id: string) => void }) {
  const { requests, count, loading, error, refetch, incompleteError, retry } = useBookingRequests();
  const actions = useScheduleActions();
  const [declining, setDeclining] = useState<ScheduleAppointmentFragment | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [showAll, setShowAll] = useState(false);
  const zone = viewerTimeZone();

  if (loading || (count === 0 && !error)) {
    return null;
  }
  if (error) {
    return <ErrorState error={error} title="Booking requests did not load" onRetry={() => void refetch()} />;
  }

  const confirm = async (id: string) => {
    setProblem(null);
    try {
      await actions.confirm(id);
    } catch (caught) {
      setProblem(caught);
    }
  };
  const decline = async () => {
    if (!declining) {
      return;
    }
    setProblem(null);
    try {
      await actions.cancel(declining.id, reason.trim() || 'The doctor cannot see you at this time.');
      setDeclining(null);
      setReason('');
    } catch (caught) {
      setDeclining(null);
      setProblem(caught);
    }
  };

  return (
    <Box
      as="section"
      aria-labelledby="booking-requests"
      borderWidth="2px"
      borderColor="orange.solid"
      bg="orange.subtle"
      borderRadius="l3"
      p={{ base: '3', md: '4' }}
    >
      <Flex align="center" gap="2" mb="3" wrap="wrap">
        <Heading as="h2" size="md" id="booking-requests">
          New booking requests
        </Heading>
        <Badge colorPalette="orange" variant="solid" bg="orange.700" borderRadius="full" data-testid="requests-count">
          {count}
        </Badge>
        <Text fontSize="sm" color="fg.muted" flexBasis={{ base: 'full', sm: 'auto' }}>
          Waiting for your confirmation, soonest first.
        </Text>
      </Flex>
      <Box mb={incompleteError ? '3' : '0'}>
        <IncompleteList error={incompleteError} plural="booking requests" onRetry={retry} />
      </Box>
      {problem ? (
        <Alert.Root status="error" role="alert" mb="3">
          <Alert.Indicator />
          <Alert.Description>{plainMessage(problem) || 'That did not work. Please try again.'}</Alert.Description>
        </Alert.Root>
      ) : null}
      <Stack as="ul" listStyleType="none" gap="2">
        {(showAll ? requests : requests.slice(0, FIRST_SHOWN)).map((request) => {
          const name = `${request.patient.firstName} ${request.patient.lastName}`;
          return (
            <Flex
              as="li"
              key={request.id}
              aria-label={`Request from ${name}`}
              gap={{ base: '2', md: '4' }}
              align={{ base: 'stretch', md: 'center' }}
              direction={{ base: 'column', md: 'row' }}
              bg="bg"
              borderRadius="l2"
              px="3"
              py="2"
            >
              <Text fontSize="sm" fontWeight="medium" minW={{ md: '36' }} fontVariantNumeric="tabular-nums">
                {formatDateTime(request.startsAt, zone)}
              </Text>
              <Stack gap="0" flex="1" minW="0" direction={{ base: 'column', md: 'row' }} columnGap="3">
                <Button
                  variant="plain"
                  p="0"
                  h="auto"
                  justifyContent="flex-start"
                  fontWeight="semibold"
                  color="brand.fg"
                  onClick={() => onOpen(request.id)}
                >
                  {name}
                </Button>
                {request.reason ? (
                  <Text fontSize="sm" color="fg.muted" truncate alignSelf={{ md: 'center' }}>
                    {request.reason}
                  </Text>
                ) : null}
              </Stack>
              <Flex gap="2">
                <Button
                  size="sm"
                  colorPalette="brand"
                  loading={actions.pending}
                  onClick={() => void confirm(request.id)}
                  aria-label={`Confirm ${name}`}
                >
                  Confirm
                </Button>
                <Button
                  size="sm"
                  variant="outline"
                  colorPalette="red"
                  disabled={actions.pending}
                  onClick={() => setDeclining(request)}
                  aria-label={`Decline ${name}`}
                >
                  Decline
                </Button>
              </Flex>
            </Flex>
          );
        })}
      </Stack>
      {!showAll && requests.length > FIRST_SHOWN ? (
        <Button size="sm" variant="ghost" mt="2" onClick={() => setShowAll(true)}>
          Show all {count} requests
        </Button>
      ) : count > requests.length && showAll ? (
        <Text fontSize="sm" mt="2" color="fg.muted">
          Showing the first {requests.length} of {count}.
        </Text>
      ) : null}
      <ConfirmDialog
        open={declining !== null}
        title="Decline this request?"
        description={
          declining
            ? `${declining.patient.firstName} ${declining.patient.lastName} is told the time is not available and can book another.`
            : undefined
        }
        confirmLabel="Decline request"
        cancelLabel="Keep it"
        pending={actions.pending}
        onConfirm={() => void decline()}
        onCancel={() => setDeclining(null)}
      >
        <Field.Root mt="4">
          <Field.Label>Reason for the patient</Field.Label>
          <Textarea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={500}
            placeholder="The doctor cannot see you at this time."
          />
        </Field.Root>
      </ConfirmDialog>
    </Box>
  );
}
