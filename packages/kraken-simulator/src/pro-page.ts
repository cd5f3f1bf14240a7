// A stand-in for Kraken Pro's spot balances page (pro.kraken.com/app/portfolio/spot) with its "Convert small
// balances" button, so the web-only half of the conversion journey can be practised and tested offline.
import { D, formatAmount } from '../../../src-shared/money';
import type { SimAccount } from './account';
import { conversionRate, usdAssetId } from './small-balance-value';

/** Kraken's apps show XBT as BTC and XDG as DOGE. */
function displayName(altname: string): string {
  const [code = altname, suffix] = altname.split('.');
  const shown = ({ XBT: 'BTC', XDG: 'DOGE' } as Record<string, string>)[code] ?? code;
  return suffix === undefined ? shown : `${shown}.${suffix}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function balanceRows(account: SimAccount): string {
  const { market } = account;
  const usd = usdAssetId(market);
  const rows = account.ledger
    .assets()
    .filter((id) => !account.balance(id).isZero())
    .map((id) => {
      const asset = market.asset(id);
      const amount = account.balance(id);
      const rate = conversionRate(market, market.spotAssetOf(id).id, usd);
      const value = rate ? `${formatAmount(amount.times(rate), 2)}` : 'no price';
      const earn = id.includes('.') ? ' <span class="tag">Earn</span>' : '';
      return (
        `<tr><th scope="row">${escapeHtml(displayName(asset.altname))}${earn}</th>` +
        `<td title="${escapeHtml(amount.toFixed())}">${formatAmount(amount, asset.display_decimals)}</td><td>${value}</td></tr>`
      );
    });
  return `<tbody id="balances">${rows.join('\n')}</tbody>`;
}

function targetOptions(account: SimAccount): string {
  return account.settings.sweepTargets
    .flatMap((name) => {
      const asset = account.market.resolveAsset(name);
      return asset ? [`<option value="${escapeHtml(asset.id)}">${escapeHtml(displayName(asset.altname))}</option>`] : [];
    })
    .join('');
}

export function renderProPage(account: SimAccount): string {
  const threshold = formatAmount(new D(account.settings.dustThresholdUsd), 2);
  const fee = new D(account.settings.sweepFeeRate).times(100).toFixed();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Balances | Kraken Pro (simulator)</title>
<style>
  :root { color-scheme: dark; }
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; background: #0f0e14; color: #ecebf2; }
  header { padding: 16px 24px; border-bottom: 1px solid #2a2833; display: flex; gap: 16px; align-items: baseline; }
  header p { margin: 0; color: #a9a6b8; }
  h1 { font-size: 20px; margin: 0; }
  main { padding: 24px; max-width: 760px; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 24px; }
  th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #2a2833; }
  td { font-variant-numeric: tabular-nums; }
  thead th { color: #a9a6b8; font-weight: 500; }
  .tag { font-size: 12px; padding: 1px 6px; border-radius: 4px; background: #2a2833; color: #cfc9ff; }
  button, select { font: inherit; border-radius: 8px; padding: 8px 14px; }
  button { background: #7132f5; color: #fff; border: 0; cursor: pointer; }
  button:disabled { opacity: 0.6; cursor: progress; }
  select { background: #1b1a22; color: #ecebf2; border: 1px solid #4a4657; }
  :focus-visible { outline: 3px solid #b9a3ff; outline-offset: 2px; }
  #convert-panel { margin-top: 16px; padding: 16px; border: 1px solid #2a2833; border-radius: 12px; background: #16151d; }
  #convert-panel p { margin-top: 0; color: #c9c6d6; }
  .row { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  #convert-status { min-height: 1.5em; margin-top: 16px; }
</style>
</head>
<body>
<header><h1>Balances</h1><p>Kraken Pro · Portfolio · Spot (simulated)</p></header>
<main>
<table aria-label="Spot balances">
<thead><tr><th scope="col">Asset</th><th scope="col">Amount</th><th scope="col">Value (USD)</th></tr></thead>
${balanceRows(account)}
</table>
<section aria-label="Small balances">
<button type="button" id="open-convert" aria-expanded="false" aria-controls="convert-panel">Convert small balances</button>
<div id="convert-panel" hidden>
<p>Every balance worth less than ${threshold} USD is converted. A ${fee}% fee applies. You can convert small balances once every 24 hours.</p>
<div class="row">
<label for="convert-target">Convert to</label>
<select id="convert-target">${targetOptions(account)}</select>
<button type="button" id="convert">Convert</button>
</div>
</div>
<p id="convert-status" role="status" aria-live="polite"></p>
</section>
</main>
<script>
const openButton = document.getElementById('open-convert');
const panel = document.getElementById('convert-panel');
const target = document.getElementById('convert-target');
const convert = document.getElementById('convert');
const statusLine = document.getElementById('convert-status');
openButton.addEventListener('click', () => {
  const open = openButton.getAttribute('aria-expanded') === 'true';
  openButton.setAttribute('aria-expanded', String(!open));
  panel.hidden = open;
  if (!open) target.focus();
});
async function refreshBalances() {
  const page = await fetch(location.href, { cache: 'no-store' });
  const fresh = new DOMParser().parseFromString(await page.text(), 'text/html').getElementById('balances');
  if (fresh) document.getElementById('balances').replaceWith(fresh);
}
convert.addEventListener('click', async () => {
  convert.disabled = true;
  statusLine.textContent = 'Converting…';
  try {
    const response = await fetch('/__sim/convert-small-balances', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: target.value }),
    });
    const body = await response.json();
    if (response.ok) {
      statusLine.textContent = 'Converted. Reference ' + body.refid;
      statusLine.dataset.refid = body.refid;
      await refreshBalances();
    } else {
      statusLine.textContent = 'Not converted: ' + body.error;
    }
  } catch {
    statusLine.textContent = 'Not converted: the page could not reach Kraken. Try again.';
  } finally {
    convert.disabled = false;
  }
});
</script>
</body>
</html>
`;
}
