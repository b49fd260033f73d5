import { Badge, Box, Link } from '@chakra-ui/react';
import { matchPath, NavLink, useLocation } from 'react-router';
import { PageTitle } from './PageTitle';

export interface AreaNavItem {
  readonly to: string;
  readonly label: string;
  /** Active only on exactly this path (the area's home), not on the pages below it. */
  readonly end?: boolean;
  /** A count shown beside the label (unread messages); nothing when 0. */
  readonly badge?: number;
  /** What the count counts, for screen readers (default "unread"). */
  readonly badgeLabel?: string;
}

/**
 * An area's pages as a tab strip, the same in every area: on a phone it wraps onto a second row
 * rather than hiding sections off-screen, so every section is in sight.
 */
export function AreaNav({ label, items }: { label: string; items: readonly AreaNavItem[] }) {
  const { pathname } = useLocation();
  const current = currentItem(items, pathname);
  return (
    <Box as="nav" aria-label={label} borderBottomWidth="1px" mb={{ base: '5', md: '8' }}>
      <PageTitle parts={current ? [current.label, label] : [label]} />
      <Box as="ul" display="flex" flexWrap="wrap" columnGap={{ base: '0', md: '2' }} listStyleType="none" m="0" p="0">
        {items.map((item) => (
          <Box as="li" key={item.to}>
            <Link
              asChild
              display="block"
              px={{ base: '2.5', md: '3' }}
              py="2.5"
              fontWeight="medium"
              color="fg.muted"
              textDecoration="none"
              borderBottomWidth="2px"
              borderColor="transparent"
              mb="-1px"
              whiteSpace="nowrap"
              _hover={{ color: 'fg', textDecoration: 'none' }}
              css={{ '&[aria-current=page]': { color: 'brand.fg', borderColor: 'brand.solid' } }}
            >
              <NavLink to={item.to} end={item.end ?? false}>
                {item.label}
                {item.badge ? (
                  <Badge ms="1.5" colorPalette="brand" variant="solid" borderRadius="full" data-testid="nav-badge">
                    {item.badge}
                    <Box as="span" srOnly>
                      {' '}
                      {item.badgeLabel ?? 'unread'}
                    </Box>
                  </Badge>
                ) : null}
              </NavLink>
            </Link>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/**
 * The section a path is in: the item NavLink marks (its path, or one below it unless `end`), the
 * longest when several match. A page below a section (a chart, a conversation) takes its name.
 */
function currentItem(items: readonly AreaNavItem[], pathname: string): AreaNavItem | undefined {
  return items
    .filter((item) => matchPath({ path: item.to, end: item.end ?? false }, pathname))
    .sort((a, b) => b.to.length - a.to.length)[0];
}
