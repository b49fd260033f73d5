const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 4;

/**
 * Runs a transaction again when PostgreSQL aborted it as a deadlock or serialization failure.
 * Two bookings of one slot insert, then each checks the exclusion constraint against the other's
 * in-progress row and waits: PostgreSQL breaks that cycle by aborting one. Re-run, the loser finds
 * the winner committed and gets the ordinary CONFLICT.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
