import { badInput } from '../../shared/errors.js';
import { PaymentMethod } from './billing.types.js';

/**
 * How money is collected, behind one small interface. Today every method is in the clinic: the
 * money has already changed hands when an administrator records it, so "collecting" means
 * checking what proves it (a card slip, a bank reference). An online gateway would be another
 * implementation whose payment is recorded by its signed webhook (see the README), never by a
 * person typing it in.
 */
export interface PaymentCollector {
  readonly method: PaymentMethod;
  /** Checks and normalises the proof of a payment made in the clinic; BAD_USER_INPUT when missing. */
  confirm(reference: string | null | undefined): { reference: string | undefined };
}

function referenceRequired(method: PaymentMethod, what: string): PaymentCollector {
  return {
    method,
    confirm(reference) {
      const clean = reference?.trim();
      if (!clean) {
        throw badInput([{ field: 'input.reference', message: `is required for ${method}: ${what}` }]);
      }
      return { reference: clean };
    },
  };
}

const COLLECTORS: Readonly<Record<PaymentMethod, PaymentCollector>> = {
  [PaymentMethod.CASH]: {
    method: PaymentMethod.CASH,
    confirm: (reference) => ({ reference: reference?.trim() || undefined }),
  },
  [PaymentMethod.CARD]: referenceRequired(PaymentMethod.CARD, 'the card terminal slip or authorisation number'),
  [PaymentMethod.TRANSFER]: referenceRequired(PaymentMethod.TRANSFER, 'the bank transfer reference'),
  [PaymentMethod.INSURANCE]: referenceRequired(PaymentMethod.INSURANCE, 'the insurer’s remittance reference'),
};

export function collectorFor(method: PaymentMethod): PaymentCollector {
  return COLLECTORS[method];
}
