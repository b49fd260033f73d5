import { Alert, Button, Field, Textarea } from '@chakra-ui/react';
import { useState, type ReactNode } from 'react';
import { fieldErrors, plainMessage } from '../graphql-errors';
import { ConfirmDialog } from './ConfirmDialog';

const REASON_MIN = 3;

/**
 * A change of a clinical item (a prescription, a record, a lab order) that needs a reason: a small
 * button opening a dialog with the reason (required, kept with the item), optional extra fields,
 * and the API's answer when it refuses.
 */
export function ReasonedChange({
  trigger,
  destructive,
  title,
  description,
  confirmLabel,
  reasonLabel,
  reasonMissing,
  pending,
  error,
  onOpen,
  onReset,
  onSubmit,
  children,
}: {
  /** `describedBy`: the ids of what says which item it changes (every item has the same buttons). */
  trigger: { label: string; colorPalette?: string; describedBy?: string | undefined };
  destructive: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  reasonLabel: string;
  reasonMissing: string;
  pending: boolean;
  error: unknown;
  onOpen?: () => void;
  onReset: () => void;
  /** Sends the change; resolves when done (the dialog closes), rejects when refused (it stays). */
  onSubmit: (reason: string) => Promise<unknown>;
  /** Extra fields above the reason, e.g. the amended notes; `fields` are the API's field errors. */
  children?: (fields: Record<string, string>) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const server = fieldErrors(error);
  const close = () => {
    setOpen(false);
    setReason('');
    setProblem(undefined);
    onReset();
  };
  // A field error shows at its field; anything else above the form.
  const fieldsShown = children ? Object.keys(server).length > 0 : Boolean(server.reason);
  return (
    <>
      <Button
        size="xs"
        variant="outline"
        colorPalette={trigger.colorPalette}
        aria-describedby={trigger.describedBy}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
      >
        {trigger.label}
      </Button>
      <ConfirmDialog
        open={open}
        destructive={destructive}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        pending={pending}
        onCancel={close}
        onConfirm={() => {
          if (reason.trim().length < REASON_MIN) {
            setProblem(reasonMissing);
            return;
          }
          void onSubmit(reason.trim())
            .then(close)
            .catch(() => undefined);
        }}
      >
        {error && !fieldsShown ? (
          <Alert.Root status="error" role="alert" mt="3">
            <Alert.Indicator />
            <Alert.Description>{plainMessage(error)}</Alert.Description>
          </Alert.Root>
        ) : null}
        {children?.(server)}
        <Field.Root mt={children ? '3' : '4'} required invalid={Boolean(problem ?? server.reason)}>
          <Field.Label>{reasonLabel}</Field.Label>
          <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          <Field.ErrorText>{problem ?? server.reason}</Field.ErrorText>
        </Field.Root>
      </ConfirmDialog>
    </>
  );
}
