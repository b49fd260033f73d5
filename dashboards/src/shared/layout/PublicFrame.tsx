import { Box, Card, Flex, Heading, Link, Stack, Text } from '@chakra-ui/react';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { PageTitle } from './PageTitle';
import { ProductMark } from './ProductMark';

/** The link under most public pages' card. */
export function BackToSignIn() {
  return (
    <Link asChild display="block" textAlign="center" mt="4" fontSize="sm" color="brand.fg">
      <RouterLink to="/login">Back to sign in</RouterLink>
    </Link>
  );
}

/**
 * The frame of the pages a person sees before (or without) signing in — sign-up, password reset,
 * the e-mail confirmation link: the product's mark, the page's heading, a card, and what goes
 * under it ("Back to sign in" unless told otherwise).
 */
export function PublicFrame({
  title,
  intro,
  maxW = 'sm',
  footer = <BackToSignIn />,
  children,
}: {
  title: string;
  /** A line under the heading. */
  intro?: ReactNode;
  /** The column's width: `sm` for a field or two, wider for a longer form. */
  maxW?: 'sm' | 'md' | 'lg';
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Flex as="main" minH="100dvh" align="center" justify="center" px="4" py={{ base: '6', md: '10' }}>
      <Box w="full" maxW={maxW}>
        <Stack align="center" gap="2" mb="6" textAlign="center">
          <ProductMark size="10" />
          <PageTitle parts={[title]} />
          <Heading as="h1" size="2xl">
            {title}
          </Heading>
          {intro ? <Text color="fg.muted">{intro}</Text> : null}
        </Stack>
        <Card.Root>
          <Card.Body>{children}</Card.Body>
        </Card.Root>
        {footer}
      </Box>
    </Flex>
  );
}
