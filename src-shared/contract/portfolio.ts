// The portfolio screen's one call: every balance valued and classified, with the small-balance groups.
import { z } from 'zod';
import { PortfolioWire } from '../portfolio';
import { call } from '../rpc';
import { Mode } from './app';
import { QuoteCurrency } from './settings';

export const PortfolioView = PortfolioWire.extend({
  /** When Kraken's balances and prices were read (ms since epoch). */
  fetchedAt: z.number().int(),
  mode: Mode,
  accountLabel: z.string(),
  /** The dust threshold and fee the classes were computed with, for the plain-language lines. */
  thresholdUsd: z.string(),
  /** The operator's small-balance limit: sellable balances worth less are listed with the small ones. */
  smallLimitUsd: z.string(),
  feeRate: z.string(),
});
export type PortfolioView = z.infer<typeof PortfolioView>;

export const portfolioCalls = {
  'portfolio.get': call(z.object({ quote: QuoteCurrency.optional() }).strict(), PortfolioView),
};
