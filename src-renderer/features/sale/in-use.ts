// An asset that needs the operator's word before an order moves it, and why, in words.
import type { AssetLabel } from '../../../src-shared/contract/asset-label';

export interface InUseLine {
  assetId: string;
  code: string;
  why: string;
  acknowledged: boolean;
}

export function inUseLine(asset: AssetLabel, inUse: { position: boolean; openOrders: boolean }, acknowledged: boolean): InUseLine[] {
  const reasons = [inUse.position ? 'OC9’s book holds a position in it' : null, inUse.openOrders ? 'open orders use it' : null].filter(
    (r) => r !== null,
  );
  return reasons.length === 0 ? [] : [{ assetId: asset.assetId, code: asset.code, why: reasons.join(' and '), acknowledged }];
}
