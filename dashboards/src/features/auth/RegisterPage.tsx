import { Alert, Button, Field, Input, Link, SimpleGrid, Text } from '@chakra-ui/react';
import { useState, type FormEvent } from 'react';
import { Navigate, Link as RouterLink, useNavigate } from 'react-router';
import { errorCode, errorReason, fieldErrors, plainMessage } from '../../shared/graphql-errors';
import { PublicFrame } from '../../shared/layout/PublicFrame';
import { focusFirstInvalid, FormStack, SelectField, TextField } from '../../shared/ui';
import { GENDER_OPTIONS } from '../patients/gender';
import { useAuth } from './AuthProvider';
import { PASSWORD_RULE } from '../../shared/password-rule';
import {
  EMPTY_REGISTER_DRAFT,
  registrationInput,
  validateRegistration,
  type RegisterDraft,
  type RegisterField,
} from './register-form';
import { homePathFor, landingPath } from './session-user';

const FIELDS = new Set<string>(Object.keys(EMPTY_REGISTER_DRAFT));

function AlreadySignedUp() {
  return (
    <Text fontSize="sm" textAlign="center" mt="4">
      Already have an account?{' '}
      <Link asChild color="brand.fg">
        <RouterLink to="/login">Sign in</RouterLink>
      </Link>
    </Text>
  );
}

/** `/register`: a new patient's own sign-up; signed in at once, as after signing in. */
export function RegisterPage() {
  const { status, user, register } = useAuth();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<RegisterDraft>(EMPTY_REGISTER_DRAFT);
  const [problems, setProblems] = useState<Partial<Record<RegisterField, string>>>({});
  /** The address already has an account: said on the Email field, with the ways in. */
  const [emailTaken, setEmailTaken] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  if (status === 'signed-in' && user && !submitting) {
    return <Navigate to={homePathFor(user.role)} replace />;
  }

  const field = (name: RegisterField) => ({
    name,
    value: draft[name],
    error: problems[name],
    onChange: (value: string) => {
      setDraft((d) => ({ ...d, [name]: value }));
      if (problems[name]) {
        setProblems((p) => ({ ...p, [name]: undefined }));
      }
      if (name === 'email') {
        setEmailTaken(false);
      }
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setServerError(undefined);
    setEmailTaken(false);
    const found = validateRegistration(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    setSubmitting(true);
    try {
      const signedIn = await register(registrationInput(draft));
      await navigate(landingPath(signedIn.role, null), { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (errorCode(error) === 'CONFLICT' && errorReason(error) === 'EMAIL_TAKEN') {
        setEmailTaken(true);
        focusFirstInvalid(form);
        return;
      }
      const byField = fieldErrors(error);
      const known = Object.fromEntries(Object.entries(byField).filter(([key]) => FIELDS.has(key)));
      setProblems(known);
      if (Object.keys(known).length === 0 || Object.keys(known).length < Object.keys(byField).length) {
        setServerError(plainMessage(error));
      }
      focusFirstInvalid(form);
    }
  };

  const emailProblem = problems.email;
  return (
    <PublicFrame
      title="Create your patient account"
      intro="Book visits, see your results and message your doctors."
      maxW="lg"
      footer={<AlreadySignedUp />}
    >
      <FormStack gap="5" onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Create your patient account">
        {serverError ? (
          <Alert.Root status="error" size="sm" role="alert">
            <Alert.Indicator />
            <Alert.Title>{serverError}</Alert.Title>
          </Alert.Root>
        ) : null}
        <SimpleGrid columns={{ base: 1, sm: 2 }} gap="5">
          <TextField label="First name" required autoComplete="given-name" {...field('firstName')} />
          <TextField label="Last name" required autoComplete="family-name" {...field('lastName')} />
        </SimpleGrid>
        <TextField label="Date of birth" type="date" required autoComplete="bday" {...field('dateOfBirth')} />
        <Field.Root invalid={Boolean(emailProblem) || emailTaken} required>
          <Field.Label>
            Email
            <Field.RequiredIndicator />
          </Field.Label>
          <Input
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            value={draft.email}
            onChange={(e) => field('email').onChange(e.target.value)}
          />
          {emailTaken ? (
            <Field.ErrorText display="block">
              There is already an account with this address.{' '}
              <Link asChild color="fg.error" textDecoration="underline">
                <RouterLink to="/login">Sign in</RouterLink>
              </Link>{' '}
              or{' '}
              <Link asChild color="fg.error" textDecoration="underline">
                <RouterLink to="/forgot-password">reset your password</RouterLink>
              </Link>
              .
            </Field.ErrorText>
          ) : emailProblem ? (
            <Field.ErrorText>{emailProblem}</Field.ErrorText>
          ) : (
            <Field.HelperText>We will send a link to confirm it.</Field.HelperText>
          )}
        </Field.Root>
        <TextField
          label="Password"
          type="password"
          required
          autoComplete="new-password"
          helper={PASSWORD_RULE}
          {...field('password')}
        />
        <TextField
          label="Repeat the password"
          type="password"
          required
          autoComplete="new-password"
          {...field('repeat')}
        />
        <SimpleGrid columns={{ base: 1, sm: 2 }} gap="5">
          <TextField
            label="Phone (optional)"
            type="tel"
            autoComplete="tel"
            helper="e.g. +49 30 1234567"
            {...field('phone')}
          />
          <SelectField
            label="Gender (optional)"
            options={GENDER_OPTIONS}
            placeholder="Not stated"
            {...field('gender')}
          />
        </SimpleGrid>
        <Button type="submit" colorPalette="brand" size="lg" loading={submitting} loadingText="Creating your account…">
          Create account
        </Button>
      </FormStack>
    </PublicFrame>
  );
}
