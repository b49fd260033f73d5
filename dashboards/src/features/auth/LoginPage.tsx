import { Alert, Box, Button, Card, Field, Flex, Heading, Input, Stack, Text } from '@chakra-ui/react';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import {
  errorCode,
  fieldErrors,
  plainMessage,
  retryAfterMinutes,
  tooManyAttemptsMessage,
} from '../../shared/graphql-errors';
import { PageTitle } from '../../shared/layout/PageTitle';
import { ProductMark } from '../../shared/layout/ProductMark';
import { PRODUCT_NAME } from '../../shared/product';
import { errorExtension } from '../../shared/graphql-errors';
import { Link as RouterLink } from 'react-router';
import { Link } from '@chakra-ui/react';
import { useAuth } from './AuthProvider';
import { MfaStep } from './MfaStep';
import { landingPath } from './session-user';

interface Problems {
  email?: string;
  password?: string;
}

// Deliberately loose: one "@", something either side, a dot in the domain. The API decides.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(email: string, password: string): Problems {
  const problems: Problems = {};
  if (!email) {
    problems.email = 'Enter your email address.';
  } else if (!EMAIL_SHAPE.test(email)) {
    problems.email = 'Enter an email address like name@example.com.';
  }
  if (!password) {
    problems.password = 'Enter your password.';
  }
  return problems;
}

function signInErrorMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === 'UNAUTHENTICATED') {
    return 'The email or password is incorrect.';
  }
  if (code === 'TOO_MANY_REQUESTS') {
    return tooManyAttemptsMessage(retryAfterMinutes(error) ?? 1);
  }
  return plainMessage(error);
}

/** `/login`: the one sign-in page for patients, doctors and admins. */
export function LoginPage() {
  const { status, user, sessionState, signIn } = useAuth();
  const [challenge, setChallenge] = useState<string>();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  const navigate = useNavigate();

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [serverError, setServerError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  if (status === 'signed-in' && user && !submitting) {
    return <Navigate to={landingPath(user.role, next)} replace />;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmedEmail = email.trim();
    const found = validate(trimmedEmail, password);
    setProblems(found);
    setServerError(undefined);
    if (found.email || found.password) {
      (found.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const signedIn = await signIn(trimmedEmail, password);
      await navigate(landingPath(signedIn.role, next), { replace: true });
    } catch (error) {
      const mfaChallenge = errorCode(error) === 'MFA_REQUIRED' ? errorExtension(error, 'challenge') : undefined;
      if (typeof mfaChallenge === 'string') {
        setChallenge(mfaChallenge);
        setSubmitting(false);
        return;
      }
      const byField = fieldErrors(error);
      if (byField.email || byField.password) {
        setProblems({ email: byField.email, password: byField.password });
      } else {
        setServerError(signInErrorMessage(error));
      }
      setSubmitting(false);
    }
  };

  return (
    <Flex as="main" minH="100dvh" align="center" justify="center" px="4" py="10">
      <Box w="full" maxW="sm">
        <Stack align="center" gap="2" mb="6" textAlign="center">
          <ProductMark size="10" />
          <Text fontWeight="semibold" color="brand.fg" mt="1">
            {PRODUCT_NAME}
          </Text>
          <PageTitle parts={['Sign in']} />
          <Heading as="h1" size="2xl">
            Sign in
          </Heading>
          <Text color="fg.muted">For patients, doctors and clinic staff.</Text>
        </Stack>
        <Card.Root>
          <Card.Body>
            {challenge ? (
              <MfaStep
                challenge={challenge}
                onDone={(signedIn) => void navigate(landingPath(signedIn.role, next), { replace: true })}
                onRestart={() => {
                  setChallenge(undefined);
                  setPassword('');
                }}
              />
            ) : (
              <form noValidate onSubmit={(event) => void onSubmit(event)} aria-label="Sign in">
                <Stack gap="5">
                  {sessionState === 'expired' && !serverError ? (
                    <Alert.Root status="info" size="sm">
                      <Alert.Indicator />
                      <Alert.Title>Your session has ended. Please sign in again.</Alert.Title>
                    </Alert.Root>
                  ) : null}
                  {serverError ? (
                    <Alert.Root status="error" size="sm" role="alert">
                      <Alert.Indicator />
                      <Alert.Title>{serverError}</Alert.Title>
                    </Alert.Root>
                  ) : null}
                  <Field.Root invalid={Boolean(problems.email)} required>
                    <Field.Label>Email</Field.Label>
                    <Input
                      ref={emailRef}
                      name="email"
                      type="email"
                      autoComplete="username"
                      inputMode="email"
                      autoFocus
                      value={email}
                      onChange={(event) => setEmail(event.target.value)}
                    />
                    <Field.ErrorText>{problems.email}</Field.ErrorText>
                  </Field.Root>
                  <Field.Root invalid={Boolean(problems.password)} required>
                    <Field.Label>Password</Field.Label>
                    <Input
                      ref={passwordRef}
                      name="password"
                      type="password"
                      autoComplete="current-password"
                      value={password}
                      onChange={(event) => setPassword(event.target.value)}
                    />
                    <Field.ErrorText>{problems.password}</Field.ErrorText>
                  </Field.Root>
                  <Button type="submit" colorPalette="brand" size="lg" loading={submitting} loadingText="Signing in…">
                    Sign in
                  </Button>
                  <Link asChild alignSelf="center" fontSize="sm" color="brand.fg">
                    <RouterLink to="/forgot-password">Forgot your password?</RouterLink>
                  </Link>
                  <Text fontSize="sm" textAlign="center">
                    New patient?{' '}
                    <Link asChild color="brand.fg">
                      <RouterLink to="/register">Create an account</RouterLink>
                    </Link>
                  </Text>
                </Stack>
              </form>
            )}
          </Card.Body>
        </Card.Root>
      </Box>
    </Flex>
  );
}
