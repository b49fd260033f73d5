import { Box, Button, Container, Flex, HStack, Link, SkipNavLink, Text } from '@chakra-ui/react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink, useLocation } from 'react-router';
import { PRODUCT_NAME } from '../product';
import { ProductMark } from './ProductMark';

const MAIN_ID = 'main-content';

/** The frame around every signed-in page: a top bar (product, who is signed in, "Sign out") and the page. */
export function AppLayout({
  userName,
  homePath,
  onSignOut,
  actions,
  children,
}: {
  userName: string;
  homePath: string;
  onSignOut: () => void;
  /** More controls for the top bar, before the user's name (the notification bell). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { mainRef, arrival } = usePageArrival();
  return (
    <Flex direction="column" minH="100dvh">
      <SkipNavLink id={MAIN_ID} zIndex="skipNav" top="2" insetStart="2" _focusVisible={{ top: '2', insetStart: '2' }}>
        Skip to main content
      </SkipNavLink>
      <Box as="header" bg="bg" borderBottomWidth="1px" position="sticky" top="0" zIndex="sticky">
        <Container maxW="6xl" px={{ base: '4', md: '6' }}>
          <Flex h="14" align="center" gap="3">
            <Link asChild fontWeight="semibold" color="fg" textDecoration="none" _hover={{ textDecoration: 'none' }}>
              <RouterLink to={homePath}>
                <ProductMark />
                <Text as="span" display={{ base: 'none', sm: 'inline' }}>
                  {PRODUCT_NAME}
                </Text>
                <Text as="span" srOnly display={{ base: 'inline', sm: 'none' }}>
                  {PRODUCT_NAME}
                </Text>
              </RouterLink>
            </Link>
            <HStack ms="auto" gap="3" minW="0">
              {actions}
              <Text fontSize="sm" color="fg.muted" truncate title={userName} data-testid="signed-in-user">
                {userName}
              </Text>
              <Button size="sm" variant="outline" onClick={onSignOut} flexShrink={0}>
                Sign out
              </Button>
            </HStack>
          </Flex>
        </Container>
      </Box>
      <Box srOnly role="status" aria-live="polite" aria-atomic="true" data-testid="page-arrival">
        {arrival}
      </Box>
      <Box as="main" ref={mainRef} id={MAIN_ID} tabIndex={-1} flex="1" outline="none">
        <Container maxW="6xl" px={{ base: '4', md: '6' }} py={{ base: '5', md: '8' }}>
          {children}
        </Container>
      </Box>
    </Flex>
  );
}

/**
 * What a screen reader user is told when another page opens in place (a link, a form that moves
 * on): the focus moves to the page's main region, at its top (unless the page focused a field of
 * its own), and the new page's title is read out. Not on the first page, and not when only the
 * query changes (a filter, a week).
 */
function usePageArrival() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shown = useRef(pathname);
  const [arrival, setArrival] = useState('');
  useEffect(() => {
    if (shown.current === pathname) {
      return;
    }
    shown.current = pathname;
    // A page that focused a field of its own (a search's autoFocus) keeps it; the link or button
    // that was used to get here does not.
    const main = mainRef.current;
    const active = document.activeElement;
    if (main && !(active && main.contains(active) && active.matches('input, select, textarea'))) {
      // Not scrolled to by the browser: that would put the main region's top under the sticky
      // top bar, the page's tabs hidden behind it. The page opens at its top instead.
      main.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    // The page's <title> is in the head by now (React sets it in the same commit).
    setArrival(document.title);
  }, [pathname]);
  return { mainRef, arrival };
}
