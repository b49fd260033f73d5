/** After a failed submit, move focus (and the view) to the first field marked invalid. */
export function focusFirstInvalid(form: EventTarget | null): void {
  if (!(form instanceof HTMLElement)) {
    return;
  }
  // Wait for React to render the error state.
  setTimeout(() => {
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus();
      if (typeof field.scrollIntoView === 'function') {
        field.scrollIntoView({ block: 'center' });
      }
    } else if (typeof form.scrollIntoView === 'function') {
      form.scrollIntoView({ block: 'start' });
    }
  }, 0);
}
