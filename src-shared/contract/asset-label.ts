// How every screen names an asset: Kraken's id, the code people know, and the decimals to show.
import { z } from 'zod';

/** How an asset is shown: its display code (BTC, not XXBT) and decimals. */
export const AssetLabel = z.object({ assetId: z.string(), code: z.string(), displayDecimals: z.number().int().nonnegative() });
export type AssetLabel = z.infer<typeof AssetLabel>;
