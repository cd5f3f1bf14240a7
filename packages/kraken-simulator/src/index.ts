// The Kraken simulator's public face: a server that speaks Kraken's REST dialect (signing, nonce, call counter,
// permissions, errors, shapes) for the app's demo account, driven by a scenario and an admin API.
export { startSimulator, type RunningSimulator, type SimulatorOptions } from './server';
export { demoKeys, loadDemoScenario, type DemoKeyRole } from './demo';
export { loadScenarioFile, parseScenario, type Scenario, type ScenarioKey } from './scenario';
export type { SimulatorSettings } from './simulator-settings';
