// `npm run bench [-- <words>]`: runs every benchmark listed here (or those whose name contains the words) and prints
// plain figures. Add a module by appending its Benchmark to the list.
import { classifyBenchmark } from './classify-speed';
import { conversionBenchmark } from './conversion-calls';
import { mirrorSyncBenchmark } from './mirror-sync-speed';
import { liveFeedBenchmark } from './live-feed';
import { smallBalancesPanelBenchmark } from './small-balances-panel';

export type Figures = ReadonlyArray<readonly [label: string, value: string]>;

/** What a benchmark module exports: a name and a run that returns plain figures to print. */
export interface Benchmark {
  name: string;
  run(): Promise<Figures>;
}

const benchmarks: Benchmark[] = [
  mirrorSyncBenchmark,
  classifyBenchmark,
  smallBalancesPanelBenchmark,
  conversionBenchmark,
  liveFeedBenchmark,
];

async function main(filter: string): Promise<void> {
  const chosen = benchmarks.filter((b) => b.name.toLowerCase().includes(filter.toLowerCase()));
  if (chosen.length === 0) throw new Error(`no benchmark matches "${filter}"`);
  for (const benchmark of chosen) {
    console.log(`\n${benchmark.name}`);
    const figures = await benchmark.run();
    const width = Math.max(...figures.map(([label]) => label.length));
    for (const [label, value] of figures) console.log(`  ${label.padEnd(width)}  ${value}`);
  }
}

await main(process.argv.slice(2).join(' '));
