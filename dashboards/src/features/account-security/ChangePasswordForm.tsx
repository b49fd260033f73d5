import { useMutation } from '@apollo/client/react';
import { Alert, Button } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { errorCode, fieldErrors, plainMessage, plainSignInMessage } from '../../shared/graphql-errors';
import { focusFirstInvalid, FormStack, TextField } from '../../shared/ui';
import { useAuth } from '../auth/AuthProvider';
import { PASSWORD_RULE } from '../../shared/password-rule';
import {
  EMPTY_CHANGE_PASSWORD_DRAFT,
  validatePasswordChange,
  type ChangePasswordDraft,
  type ChangePasswordField,
} from './change-password-form';
import { ChangePasswordMutation, MySessionsQuery } from './operations';

/** The fields the API names in `extensions.fields`; anything else goes to the alert above the form. */
const SERVER_FIELDS = new Set<string>(['currentPassword', 'newPassword']);

/**
 * The signed-in person's new password, given the current one. Every other device is signed out by
 * the change, so the signed-in devices list beside it is asked again.
 */
export function ChangePasswordForm() {
  const { user } = useAuth();
  const email = user?.email ?? '';
  const [draft, setDraft] = useState<ChangePasswordDraft>(EMPTY_CHANGE_PASSWORD_DRAFT);
  const [problems, setProblems] = useState<Partial<Record<ChangePasswordField, string>>>({});
  const [serverError, setServerError] = useState<string>();
  const [changed, setChanged] = useState(false);
  // The security page always shows the devices list, so its query is there to be refetched.
  const [change, { loading }] = useMutation(ChangePasswordMutation, { refetchQueries: [MySessionsQuery] });

  const field = (name: ChangePasswordField) => ({
    name,
    value: draft[name],
    error: problems[name],
    onChange: (value: string) => {
      setDraft((d) => ({ ...d, [name]: value }));
      setChanged(false);
      if (problems[name]) {
        setProblems((p) => ({ ...p, [name]: undefined }));
      }
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setServerError(undefined);
    setChanged(false);
    const found = validatePasswordChange(draft, email);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    try {
      await change({ variables: { currentPassword: draft.currentPassword, newPassword: draft.newPassword } });
      setDraft(EMPTY_CHANGE_PASSWORD_DRAFT);
      setChanged(true);
    } catch (error) {
      if (errorCode(error) === 'TOO_MANY_REQUESTS') {
        // Wrong current passwords count as failed sign-ins: say how long until another try.
        setServerError(plainSignInMessage(error));
        return;
      }
      const byField = fieldErrors(error);
      const known = Object.fromEntries(Object.entries(byField).filter(([key]) => SERVER_FIELDS.has(key)));
      setProblems(known);
      if (Object.keys(known).length === 0 || Object.keys(known).length < Object.keys(byField).length) {
        setServerError(plainMessage(error));
      }
      focusFirstInvalid(form);
    }
  };

  return (
    <FormStack gap="5" maxW="md" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Change password">
      {changed ? (
        <Alert.Root status="success" role="status">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Your password was changed. Other devices were signed out.</Alert.Title>
            {email ? <Alert.Description>We have e-mailed {email} to say so.</Alert.Description> : null}
          </Alert.Content>
        </Alert.Root>
      ) : null}
      {serverError ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Title>{serverError}</Alert.Title>
        </Alert.Root>
      ) : null}
      {/* For password managers: which account's password this is. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="Current password"
        type="password"
        required
        autoComplete="current-password"
        {...field('currentPassword')}
      />
      <TextField
        label="New password"
        type="password"
        required
        autoComplete="new-password"
        helper={PASSWORD_RULE}
        {...field('newPassword')}
      />
      <TextField
        label="Repeat the new password"
        type="password"
        required
        autoComplete="new-password"
        {...field('repeat')}
      />
      <Button type="submit" colorPalette="brand" alignSelf="start" loading={loading} loadingText="Changing password…">
        Change password
      </Button>
    </FormStack>
  );
}
