// Kraken names one asset several ways (XXBT, XBT, BTC, XBT.M); this maps every name to one asset id and one
// display code, from Kraken's own metadata rather than by stripping prefixes (ZEUS is not "EUS").
import { z } from 'zod';

/** Suffixed balances: earn, staking, rewards, tokenized or on hold; read-only, never spot. */
export const BalanceVariant = z.enum(['S', 'M', 'B', 'F', 'P', 'T', 'HOLD']);
export type BalanceVariant = z.infer<typeof BalanceVariant>;

/** One entry of `/0/public/Assets` (extra fields are ignored). */
export interface KrakenAssetInfo {
  altname: string;
  decimals: number;
  display_decimals: number;
}

/** The parts of an `/0/public/AssetPairs` entry that name assets. */
export interface KrakenPairNames {
  base: string;
  quote: string;
  wsname?: string;
}

/** `fee-credit`: Kraken's fee credits (KFEE), spent on trading fees; never a position and never sold. */
export type AssetKind = 'cash' | 'stablecoin' | 'crypto' | 'fee-credit';

export interface AssetInfo {
  /** Kraken's asset id as used by balances, ledgers and pairs (`XXBT`, `ZUSD`, `SOL`). */
  id: string;
  altname: string;
  /** What people call it (`BTC`, `DOGE`, `USD`). */
  code: string;
  decimals: number;
  displayDecimals: number;
  kind: AssetKind;
  /** False when neither Assets nor AssetPairs mention the id and the fields are fallbacks. */
  known: boolean;
}

/** A balance name (`XXBT`, `XBT.M`, `USD.HOLD`) resolved to the asset it belongs to. */
export interface BalanceAsset {
  name: string;
  baseId: string;
  variant: BalanceVariant | null;
  /** `BTC` for spot, `BTC.M` for a variant. */
  code: string;
  decimals: number;
  displayDecimals: number;
  kind: AssetKind;
}

export interface AssetCatalog {
  readonly byId: ReadonlyMap<string, AssetInfo>;
  /** Ids, altnames and display codes, each to its asset id. */
  readonly idByName: ReadonlyMap<string, string>;
}

export const CASH_CODES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY'] as const;
export const STABLECOIN_CODES = ['USDT', 'USDC'] as const;

const DISPLAY_CODE_BY_ALTNAME: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };

/** Kraken's closed list of class-prefixed legacy ids; only these may lose their prefix without metadata. */
const LEGACY_ALTNAME_BY_ID: Readonly<Record<string, string>> = {
  XETC: 'ETC',
  XETH: 'ETH',
  XLTC: 'LTC',
  XMLN: 'MLN',
  XREP: 'REP',
  XXBT: 'XBT',
  XXDG: 'XDG',
  XXLM: 'XLM',
  XXMR: 'XMR',
  XXRP: 'XRP',
  XZEC: 'ZEC',
  ZAUD: 'AUD',
  ZCAD: 'CAD',
  ZEUR: 'EUR',
  ZGBP: 'GBP',
  ZJPY: 'JPY',
  ZUSD: 'USD',
};

/** Legacy altnames and their display codes (XBT, BTC) back to the legacy id, for when metadata is missing. */
const LEGACY_ID_BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(LEGACY_ALTNAME_BY_ID).flatMap(([id, altname]) => [
    [altname, id],
    [codeOf(altname), id],
  ]),
);

/** Without metadata, 8 places shows any crypto amount Kraken records meaningfully. */
const FALLBACK_DECIMALS = 8;

const VARIANTS = new Set<string>(BalanceVariant.options);

function codeOf(altname: string): string {
  return DISPLAY_CODE_BY_ALTNAME[altname] ?? altname;
}

function kindOf(id: string, altname: string, code: string): AssetKind {
  if (id === 'KFEE' || altname === 'FEE') return 'fee-credit';
  if ((CASH_CODES as readonly string[]).includes(code)) return 'cash';
  // Kraken gives every legacy fiat id a Z prefix on a three-letter code (ZUSD); ZEUS is ZEUS/ZEUS, so it stays crypto
  if (id === `Z${altname}` && /^[A-Z]{3}$/.test(altname)) return 'cash';
  if ((STABLECOIN_CODES as readonly string[]).includes(code)) return 'stablecoin';
  return 'crypto';
}

function assetInfo(id: string, altname: string, decimals: number, displayDecimals: number, known: boolean): AssetInfo {
  const code = codeOf(altname);
  return { id, altname, code, decimals, displayDecimals, kind: kindOf(id, altname, code), known };
}

function splitVariant(name: string): { base: string; variant: BalanceVariant } | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const suffix = name.slice(dot + 1);
  return VARIANTS.has(suffix) ? { base: name.slice(0, dot), variant: suffix as BalanceVariant } : null;
}

/**
 * Builds the catalog once from `Assets` (id → info) and, for ids that Assets left out, the pairs' `wsname`
 * (`XBT/USD` names the altnames of base and quote).
 */
export function buildAssetCatalog(assets: Readonly<Record<string, KrakenAssetInfo>>, pairs: Iterable<KrakenPairNames> = []): AssetCatalog {
  const byId = new Map<string, AssetInfo>();
  for (const [id, info] of Object.entries(assets)) {
    byId.set(id, assetInfo(id, info.altname, info.decimals, info.display_decimals, true));
  }
  for (const pair of pairs) {
    const [baseAlt, quoteAlt] = pair.wsname?.split('/') ?? [];
    for (const [id, altname] of [
      [pair.base, baseAlt],
      [pair.quote, quoteAlt],
    ] as const) {
      if (byId.has(id)) continue;
      const alt = altname ?? LEGACY_ALTNAME_BY_ID[id] ?? id;
      byId.set(id, assetInfo(id, alt, FALLBACK_DECIMALS, FALLBACK_DECIMALS, true));
    }
  }
  const idByName = new Map<string, string>();
  // ids win over altnames, altnames over display codes, so no name can hijack another asset's id
  for (const pick of [(a: AssetInfo) => a.id, (a: AssetInfo) => a.altname, (a: AssetInfo) => a.code]) {
    for (const asset of byId.values()) {
      const name = pick(asset);
      if (!idByName.has(name)) idByName.set(name, asset.id);
    }
  }
  return { byId, idByName };
}

/** Any name (id, altname, display code) to an asset id; unknown names stay as they are. */
export function resolveAssetId(catalog: AssetCatalog, name: string): string {
  return catalog.idByName.get(name) ?? LEGACY_ID_BY_NAME.get(name) ?? name;
}

/** The catalog entry, or careful fallbacks: only known legacy ids lose their prefix. */
export function describeAsset(catalog: AssetCatalog, name: string): AssetInfo {
  const id = resolveAssetId(catalog, name);
  const known = catalog.byId.get(id);
  if (known !== undefined) return known;
  return assetInfo(id, LEGACY_ALTNAME_BY_ID[id] ?? id, FALLBACK_DECIMALS, FALLBACK_DECIMALS, false);
}

const NO_METADATA = buildAssetCatalog({});

/** How people call a Kraken asset id when Kraken's asset list is not at hand: legacy ids by their known names (ZUSD is
 * USD, XXBT is BTC), and newer ids as they are (SOL). */
export function displayCode(id: string): string {
  return describeBalance(NO_METADATA, id).code;
}

/** A pair as traders name it: XRP/USD, not XXRPZUSD. */
export function pairName(catalog: AssetCatalog, base: string, quote: string): string {
  return `${describeAsset(catalog, base).code}/${describeAsset(catalog, quote).code}`;
}

/** Splits `XBT.M` into { XXBT, M }; a name without a known suffix is a spot balance of that asset. */
export function parseBalanceName(catalog: AssetCatalog, name: string): { baseId: string; variant: BalanceVariant | null } {
  const split = splitVariant(name);
  if (split === null) return { baseId: resolveAssetId(catalog, name), variant: null };
  return { baseId: resolveAssetId(catalog, split.base), variant: split.variant };
}

export function describeBalance(catalog: AssetCatalog, name: string): BalanceAsset {
  const { baseId, variant } = parseBalanceName(catalog, name);
  const base = describeAsset(catalog, baseId);
  if (variant === null) {
    const { code, decimals, displayDecimals, kind } = base;
    return { name, baseId, variant, code, decimals, displayDecimals, kind };
  }
  // a variant listed in Assets (USD.HOLD, XBT.M) keeps its own decimals
  const own = catalog.byId.get(name);
  return {
    name,
    baseId,
    variant,
    code: `${base.code}.${variant}`,
    decimals: own?.decimals ?? base.decimals,
    displayDecimals: own?.displayDecimals ?? base.displayDecimals,
    kind: base.kind,
  };
}

function listKind(catalog: AssetCatalog, kind: AssetKind, preferred: readonly string[]): AssetInfo[] {
  const rank = (code: string) => {
    const at = preferred.indexOf(code);
    return at === -1 ? preferred.length : at;
  };
  return [...catalog.byId.values()]
    .filter((asset) => asset.kind === kind && splitVariant(asset.id) === null)
    .sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/** Cash currencies Kraken lists: the usual seven first, then any other fiat in the metadata. */
export function listCashCurrencies(catalog: AssetCatalog): AssetInfo[] {
  return listKind(catalog, 'cash', CASH_CODES);
}

export function listStablecoins(catalog: AssetCatalog): AssetInfo[] {
  return listKind(catalog, 'stablecoin', STABLECOIN_CODES);
}
