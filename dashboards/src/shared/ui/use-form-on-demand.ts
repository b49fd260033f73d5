import { useEffect, useRef, useState } from 'react';

/**
 * A form shown when asked for, in place of the button that asks for it: focus goes to the form's
 * first field when it opens and back to the button when it closes, so that a keyboard or a screen
 * reader is never left at the top of the page when the element it was on goes away.
 */
export function useFormOnDemand<Form extends HTMLElement = HTMLFormElement>() {
  const [open, setOpen] = useState(false);
  const formRef = useRef<Form>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) {
      formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    } else if (wasOpen.current) {
      buttonRef.current?.focus();
    }
    wasOpen.current = open;
  }, [open]);
  return { open, show: () => setOpen(true), close: () => setOpen(false), formRef, buttonRef };
}
