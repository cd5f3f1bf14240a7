// WebSocket v2 names things as people do (BTC, DOGE, BTC/USD) where REST uses asset ids (XXBT, XXDG, DOT.F) and pair
// ids (XXBTZUSD): this maps both ways from REST's own metadata (Assets altname, AssetPairs base/quote). Earn balances
// are the base asset in an `earn` wallet on the socket and a suffixed id in REST (docs/kraken-facts.md §5).

/** v2 shows these altnames as people say them; every other altname is its own v2 name. */
const WS_NAME_BY_ALTNAME: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };
/** A suffixed REST balance and the earn wallet v2 reports it in. */
const EARN_WALLET_BY_SUFFIX: Readonly<Record<string, string>> = { F: 'flex', S: 'bonded', M: 'liquid', B: 'locked' };

export interface WsWallet {
  asset: string;
  walletType: 'spot' | 'earn';
  walletId: string;
}

export interface WsNames {
  /** The v2 asset and wallet of a REST asset id (`DOT.F` → DOT, earn, flex); null when it has none. */
  walletOf(assetId: string): WsWallet | null;
  /** The REST asset id of a v2 asset in a wallet; null when REST has no such asset. */
  assetIdOf(wallet: WsWallet): string | null;
  /** The v2 symbol of a REST pair id (`XXBTZUSD` → `BTC/USD`). */
  symbolOf(pairId: string): string | null;
  /** The REST pair id of a v2 symbol. */
  pairIdOf(symbol: string): string | null;
}

export function wsNameOfAltname(altname: string): string {
  return WS_NAME_BY_ALTNAME[altname] ?? altname;
}

export function createWsNames(
  assets: Readonly<Record<string, { altname: string }>>,
  pairs: Readonly<Record<string, { base: string; quote: string }>>,
): WsNames {
  const idByWsName = new Map<string, string>();
  const altnameById = new Map<string, string>();
  for (const [id, asset] of Object.entries(assets)) {
    altnameById.set(id, asset.altname);
    // a suffixed id (DOT.F) is an earn balance, not the asset's own name
    if (!id.includes('.')) idByWsName.set(wsNameOfAltname(asset.altname), id);
  }
  const spotName = (id: string): string | null => {
    const altname = altnameById.get(id);
    return altname === undefined ? null : wsNameOfAltname(altname);
  };
  const symbolById = new Map<string, string>();
  for (const [id, pair] of Object.entries(pairs)) {
    const [base, quote] = [spotName(pair.base), spotName(pair.quote)];
    if (base !== null && quote !== null) symbolById.set(id, `${base}/${quote}`);
  }
  const pairIdBySymbol = new Map([...symbolById].map(([id, symbol]) => [symbol, id] as const));
  return {
    walletOf(assetId) {
      const dot = assetId.indexOf('.');
      if (dot === -1) {
        const asset = spotName(assetId);
        return asset === null ? null : { asset, walletType: 'spot', walletId: 'main' };
      }
      // REST names earn variants after the altname (XBT.F), v2 after the asset's own v2 name (BTC in earn/flex)
      const walletId = EARN_WALLET_BY_SUFFIX[assetId.slice(dot + 1)];
      return walletId === undefined ? null : { asset: wsNameOfAltname(assetId.slice(0, dot)), walletType: 'earn', walletId };
    },
    assetIdOf({ asset, walletType, walletId }) {
      const spotId = idByWsName.get(asset);
      if (spotId === undefined) return null;
      if (walletType === 'spot') return spotId;
      const suffix = Object.entries(EARN_WALLET_BY_SUFFIX).find(([, id]) => id === walletId)?.[0];
      return suffix === undefined ? null : `${altnameById.get(spotId) ?? asset}.${suffix}`;
    },
    symbolOf: (pairId) => symbolById.get(pairId) ?? null,
    pairIdOf: (symbol) => pairIdBySymbol.get(symbol) ?? null,
  };
}
