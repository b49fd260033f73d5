import { Alert, Box, Button, Heading, HStack, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { downloadFile, PdfDownloadError } from './download-pdf';
import { dayKey } from '../schedule/calendar-dates';

const FORMATS = {
  pdf: { extension: 'pdf', kind: 'PDF', label: 'Download summary (PDF)' },
  json: { extension: 'json', kind: 'file', label: 'Download for another clinic (FHIR)' },
} as const;

/**
 * "Download my record": the whole chart as a readable PDF, or as the FHIR R4 file other clinics
 * and health apps read. Both come from the same `$everything` on the server and are listed in
 * the access log.
 */
export function DownloadRecordPanel({ patientId }: { patientId: string }) {
  const { accessToken } = useAuth();
  const [busy, setBusy] = useState<keyof typeof FORMATS>();
  const [problem, setProblem] = useState<string>();
  const download = async (format: keyof typeof FORMATS) => {
    const { extension, kind } = FORMATS[format];
    setBusy(format);
    setProblem(undefined);
    try {
      const day = dayKey(new Date());
      await downloadFile(
        accessToken,
        `/health-record/${encodeURIComponent(patientId)}.${extension}`,
        `health-record-${day}.${extension}`,
        'record',
        kind,
      );
    } catch (error) {
      setProblem(
        error instanceof PdfDownloadError ? error.message : 'Your record could not be downloaded. Please try again.',
      );
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Box as="section" aria-labelledby="download-record" borderWidth="1px" borderRadius="l3" bg="bg" p="4">
      <Stack gap="2">
        <Heading as="h2" size="md" id="download-record">
          Download my record
        </Heading>
        <Text color="fg.muted" fontSize="sm">
          Everything in your chart: allergies, conditions and diagnoses, medicines, lab results, vital signs and visits,
          and your insurance cover and claims. The PDF is for reading and printing; the FHIR file can be given to
          another clinic or a health app.
        </Text>
        <HStack gap="3" wrap="wrap">
          {(Object.keys(FORMATS) as (keyof typeof FORMATS)[]).map((format) => (
            <Button
              key={format}
              size="sm"
              variant={format === 'pdf' ? 'solid' : 'outline'}
              loading={busy === format}
              disabled={busy !== undefined && busy !== format}
              onClick={() => void download(format)}
            >
              {FORMATS[format].label}
            </Button>
          ))}
        </HStack>
        {problem ? (
          <Alert.Root status="error" borderRadius="l2">
            <Alert.Indicator />
            <Alert.Title>{problem}</Alert.Title>
          </Alert.Root>
        ) : null}
      </Stack>
    </Box>
  );
}
