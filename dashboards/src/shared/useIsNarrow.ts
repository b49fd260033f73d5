import { useEffect, useState } from 'react';

/** Below Chakra's `md` breakpoint (48em): a phone held upright. */
const NARROW = '(max-width: 47.99em)';

/** Whether the screen is phone-narrow, following rotation and resizing (false where unknown). */
export function useIsNarrow(): boolean {
  const [query] = useState(() =>
    typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : null,
  );
  const [narrow, setNarrow] = useState(() => query?.matches ?? false);
  useEffect(() => {
    if (!query) {
      return;
    }
    const update = () => setNarrow(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [query]);
  return narrow;
}
