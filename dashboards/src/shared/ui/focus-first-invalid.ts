/** How many turns of the event loop to wait for React to render the error state. */
const RENDER_TURNS = 10;

/** After a failed submit, move focus (and the view) to the first field marked invalid. */
export function focusFirstInvalid(form: EventTarget | null, turnsLeft = RENDER_TURNS): void {
  if (!(form instanceof HTMLElement)) {
    return;
  }
  // Wait for React to render the error state: after an awaited request its render is scheduled
  // as a task of its own, which may come after this timer — then look again a turn later.
  setTimeout(() => {
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) {
      field.focus();
      if (typeof field.scrollIntoView === 'function') {
        field.scrollIntoView({ block: 'center' });
      }
    } else if (turnsLeft > 1) {
      focusFirstInvalid(form, turnsLeft - 1);
    } else if (typeof form.scrollIntoView === 'function') {
      form.scrollIntoView({ block: 'start' });
    }
  }, 0);
}
