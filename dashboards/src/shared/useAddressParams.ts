import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's choices kept in its address (`?q=…&status=…`), so a reload, a shared link or the back
 * button shows the same list: `params` to read them, `keep(name, value)` to change one in place
 * (an empty value removes it; the history gets no entry per keystroke).
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  const keep = useCallback(
    (name: string, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) {
            next.set(name, value);
          } else {
            next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { params, keep };
}
