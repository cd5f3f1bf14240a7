// The demo account: the generated scenario (scenarios/demo.json, made by scenarios/make-demo.ts) and its keys.
// The JSON is imported, not read from disk, so it travels inside the bundled main process too.
import demoJson from './scenarios/demo.json' with { type: 'json' };
import { parseScenario, type Scenario } from './scenario';

export { demoKeys, type DemoKeyRole } from './scenarios/demo-keys';

/** A freshly validated copy of the demo scenario (callers may keep or change it freely). */
export function loadDemoScenario(): Scenario {
  return parseScenario(demoJson);
}
