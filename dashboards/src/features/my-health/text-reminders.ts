/** The six digits of the texted code as typed (spaces allowed), or undefined when it is not six digits. */
export function codeDigits(typed: string): string | undefined {
  const digits = typed.replace(/\s/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

/** How long until another code may be asked for: "42 seconds", "1 second", from two minutes on "35 minutes". */
export function waitWords(seconds: number): string {
  if (seconds >= 120) {
    return `${Math.ceil(seconds / 60)} minutes`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** The time of day of a moment as the viewer reads it, "14:32": a code lives minutes, so no day. */
export function formatClock(iso: string, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, clock);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : clock.format(date);
}

/**
 * The API's problem with the profile's phone (`extensions.fields` on `phone`, e.g. "is needed
 * first: add your mobile number to your profile") as a sentence beside "Send me a code".
 */
export function phoneProblem(message: string): string {
  return `Your phone number ${message.replace(/\.$/, '')}.`;
}
