import { Alert } from '@chakra-ui/react';
import { formatCountdown, useCountdown } from './useCountdown';
import type { HoldState } from './useSlotHold';

const REFUSED: Record<string, string> = {
  SLOT_HELD: 'Someone else is booking this time right now. Please choose another one.',
  SLOT_TAKEN: 'Sorry, someone has just booked this time. Please choose another one.',
};
const holdLimit = (holder: string) =>
  holder === 'you'
    ? 'You are holding several times already. Book or leave one of them first.'
    : `Several times are held for ${holder} already. Book or leave one of them first.`;

/**
 * "We're holding this time for you: 4:32 left", or why the time could not be held; `holder` names
 * whom for at the front desk ("for Tressie Abernathy").
 */
export function HoldNotice({ state, holder = 'you' }: { state: HoldState; holder?: string }) {
  const left = useCountdown(state.kind === 'held' ? state.hold.expiresAt : undefined);
  if (state.kind === 'held' && left !== undefined) {
    return left > 0 ? (
      <Alert.Root status="info" borderRadius="l3" role="status">
        <Alert.Indicator />
        <Alert.Title>
          We are holding this time for {holder}: <span aria-live="off">{formatCountdown(left)}</span> left to book it.
        </Alert.Title>
      </Alert.Root>
    ) : (
      <Alert.Root status="warning" borderRadius="l3" role="status">
        <Alert.Indicator />
        <Alert.Title>The hold has run out. You can still book this time if nobody else has taken it.</Alert.Title>
      </Alert.Root>
    );
  }
  if (state.kind === 'refused') {
    return (
      <Alert.Root status="error" borderRadius="l3">
        <Alert.Indicator />
        <Alert.Title>
          {state.reason === 'HOLD_LIMIT'
            ? holdLimit(holder)
            : ((state.reason && REFUSED[state.reason]) ?? 'This time could not be held. Please choose another one.')}
        </Alert.Title>
      </Alert.Root>
    );
  }
  return null;
}
