import { useMutation } from '@apollo/client/react';
import { Alert, Button, Field, Input, Text } from '@chakra-ui/react';
import { FormStack } from '../../shared/ui';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation } from 'react-router';
import { fieldErrors, plainSignInMessage } from '../../shared/graphql-errors';
import { PublicFrame } from '../../shared/layout/PublicFrame';
import { PASSWORD_RULE, passwordProblem } from '../../shared/password-rule';
import { RequestPasswordResetMutation, ResetPasswordMutation } from './operations';

/** `/forgot-password`: asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string>();
  const [request, { loading, data, error }] = useMutation(RequestPasswordResetMutation);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setProblem('Enter an email address like name@example.com.');
      return;
    }
    setProblem(undefined);
    void request({ variables: { email: email.trim() } }).catch(() => undefined);
  };
  return (
    <PublicFrame title="Reset your password">
      {data ? (
        <Alert.Root status="success" role="status">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Check your e-mail</Alert.Title>
            <Alert.Description>
              If an account uses {email.trim()}, we have sent it a link to choose a new password. The link works once,
              for 30 minutes.
            </Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : (
        <FormStack gap="5" onSubmit={onSubmit} noValidate>
          <Text color="fg.muted">Enter the e-mail address you sign in with and we will send you a link.</Text>
          {error ? (
            <Alert.Root status="error" role="alert">
              <Alert.Indicator />
              <Alert.Title>{plainSignInMessage(error)}</Alert.Title>
            </Alert.Root>
          ) : null}
          <Field.Root required invalid={Boolean(problem)}>
            <Field.Label>Email</Field.Label>
            <Input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
            <Field.ErrorText>{problem}</Field.ErrorText>
          </Field.Root>
          <Button type="submit" colorPalette="brand" loading={loading}>
            Send the link
          </Button>
        </FormStack>
      )}
    </PublicFrame>
  );
}

/** `/reset-password#token=…`: the link from the e-mail (the token rides in the fragment, never sent to a server). */
export function ResetPasswordPage() {
  const { hash } = useLocation();
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string>();
  const [reset, { loading, data, error }] = useMutation(ResetPasswordMutation);
  const serverProblem = fieldErrors(error)['newPassword'];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const rule = passwordProblem(password, '');
    if (rule) {
      setProblem(rule);
      return;
    }
    if (password !== repeat) {
      setProblem('The two passwords are not the same.');
      return;
    }
    setProblem(undefined);
    void reset({ variables: { token, newPassword: password } }).catch(() => undefined);
  };
  if (!token) {
    return (
      <PublicFrame title="Choose a new password">
        <Text>This link is incomplete. Open the link from the e-mail again, or ask for a new one.</Text>
      </PublicFrame>
    );
  }
  return (
    <PublicFrame title="Choose a new password">
      {data ? (
        <Alert.Root status="success" role="status">
          <Alert.Indicator />
          <Alert.Content>
            <Alert.Title>Your password has been changed</Alert.Title>
            <Alert.Description>You have been signed out everywhere. Sign in with your new password.</Alert.Description>
          </Alert.Content>
        </Alert.Root>
      ) : (
        <FormStack gap="5" onSubmit={onSubmit} noValidate>
          {error && !serverProblem ? (
            <Alert.Root status="error" role="alert">
              <Alert.Indicator />
              <Alert.Title>{plainSignInMessage(error)}</Alert.Title>
            </Alert.Root>
          ) : null}
          <Field.Root required invalid={Boolean(problem ?? serverProblem)}>
            <Field.Label>New password</Field.Label>
            <Input
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <Field.HelperText>{PASSWORD_RULE}</Field.HelperText>
            <Field.ErrorText>{problem ?? serverProblem}</Field.ErrorText>
          </Field.Root>
          <Field.Root required>
            <Field.Label>Repeat the new password</Field.Label>
            <Input
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </Field.Root>
          <Button type="submit" colorPalette="brand" loading={loading}>
            Set the new password
          </Button>
        </FormStack>
      )}
    </PublicFrame>
  );
}
