import { Box, Link } from '@chakra-ui/react';
import { NavLink } from 'react-router';

const PAGES = [
  { to: '/patient', label: 'Appointments', end: true },
  { to: '/patient/book', label: 'Book' },
  { to: '/patient/prescriptions', label: 'Prescriptions' },
  { to: '/patient/records', label: 'Records' },
  { to: '/patient/profile', label: 'Profile' },
  { to: '/patient/access-log', label: 'Access log' },
] as const;

/**
 * The portal's pages as a tab strip: on a phone it scrolls sideways instead of wrapping, so it
 * never takes more than one row.
 */
export function PatientNav() {
  return (
    <Box
      as="nav"
      aria-label="Patient portal"
      borderBottomWidth="1px"
      mb={{ base: '5', md: '8' }}
      mx={{ base: '-4', md: '0' }}
      px={{ base: '4', md: '0' }}
      overflowX="auto"
      css={{ scrollbarWidth: 'none' }}
    >
      <Box as="ul" display="flex" gap={{ base: '1', md: '2' }} listStyleType="none" m="0" p="0" minW="max-content">
        {PAGES.map((page) => (
          <Box as="li" key={page.to}>
            <Link
              asChild
              display="block"
              px="3"
              py="2.5"
              fontWeight="medium"
              color="fg.muted"
              textDecoration="none"
              borderBottomWidth="2px"
              borderColor="transparent"
              whiteSpace="nowrap"
              _hover={{ color: 'fg', textDecoration: 'none' }}
              css={{ '&[aria-current=page]': { color: 'brand.fg', borderColor: 'brand.solid' } }}
            >
              <NavLink to={page.to} end={'end' in page ? page.end : false}>
                {page.label}
              </NavLink>
            </Link>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
