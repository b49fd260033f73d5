import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { errorReason } from '../../shared/graphql-errors';
import { HoldSlotMutation, ReleaseSlotHoldMutation } from './operations';

export interface HeldSlot {
  id: string;
  startsAt: string;
  expiresAt: string;
}

export type HoldState =
  | { kind: 'none' }
  | { kind: 'holding' }
  | { kind: 'held'; hold: HeldSlot }
  | { kind: 'refused'; reason: string | undefined };

/**
 * Holds the picked slot while the patient fills in the form: a new pick lets the previous hold go,
 * and so does leaving the page. The server decides expiry; the countdown only shows it.
 * `patientId`: the patient an administrator books for (the front desk); a patient holds for themself.
 */
export function useSlotHold(doctorId: string | undefined, startsAt: string | undefined, patientId?: string): HoldState {
  const [holdSlot] = useMutation(HoldSlotMutation);
  const [releaseSlotHold] = useMutation(ReleaseSlotHoldMutation);
  const key = doctorId && startsAt ? `${doctorId}@${startsAt}@${patientId ?? ''}` : undefined;
  // The answer for one pick; a newer pick shows "holding" until its own answer comes.
  const [answer, setAnswer] = useState<{ key: string; state: HoldState }>();
  const current = useRef<string | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    if (!doctorId || !startsAt || !key) {
      return undefined;
    }
    holdSlot({ variables: { doctorId, startsAt, ...(patientId ? { patientId } : {}) } })
      .then((result) => {
        const hold = result.data?.holdSlot;
        if (!hold) {
          return;
        }
        if (cancelled) {
          void releaseSlotHold({ variables: { id: hold.id } }).catch(() => undefined);
          return;
        }
        current.current = hold.id;
        setAnswer({ key, state: { kind: 'held', hold } });
      })
      .catch((error: unknown) => {
        if (!cancelled) {
          setAnswer({ key, state: { kind: 'refused', reason: errorReason(error) } });
        }
      });
    return () => {
      cancelled = true;
      const id = current.current;
      current.current = undefined;
      if (id) {
        void releaseSlotHold({ variables: { id } }).catch(() => undefined);
      }
    };
  }, [doctorId, startsAt, patientId, key, holdSlot, releaseSlotHold]);

  if (!key) {
    return { kind: 'none' };
  }
  return answer?.key === key ? answer.state : { kind: 'holding' };
}
