// The runtime boundaries are enforced by lint (eslint.config.js): each rule is shown to fire on a small file that breaks
// it, placed where the rule applies, and to stay quiet on the same import where it is allowed.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// the boundary rules need no types: lint the fixtures without the type-checked project
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [tseslint.configs.disableTypeChecked, { languageOptions: { parserOptions: { project: false, projectService: false } } }],
});

/** The boundary messages ESLint gives `code` as if it were the file at `path`. */
async function boundaryMessages(path, code) {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

const cases = [
  [
    'src-shared stays pure: no Node',
    'src-shared/fixture.ts',
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    /does not run in Node/,
  ],
  [
    'src-shared stays pure: no React',
    'src-shared/fixture.ts',
    "import { useState } from 'react';\nexport const x = useState;\n",
    /src-shared is pure/,
  ],
  ['src-shared stays pure: no DOM globals', 'src-shared/fixture.ts', 'export const x = () => window.location;\n', /window/],
  [
    'src-shared depends on nothing else',
    'src-shared/fixture.ts',
    "import { api } from '../src-renderer/api/api';\nexport const x = api;\n",
    /depends on nothing else/,
  ],
  [
    'only the Electron shell imports electron',
    'src-main/connection/fixture.ts',
    "import { app } from 'electron';\nexport const x = app;\n",
    /Only src-main\/electron\//,
  ],
  [
    'raw IPC only where the contract is bound',
    'src-main/electron/menu-fixture.ts',
    "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
    /contract binding in ipc\.ts/,
  ],
  [
    'the main side has no UI',
    'src-main/connection/fixture.ts',
    "import { createElement } from 'react';\nexport const x = createElement;\n",
    /no UI/,
  ],
  [
    'the main side never imports the renderer',
    'src-main/connection/fixture.ts',
    "import { App } from '../../src-renderer/app/App';\nexport const x = App;\n",
    /never imports the renderer/,
  ],
  [
    'the renderer never reaches Node',
    'src-renderer/features/fixture.ts',
    "import { join } from 'node:path';\nexport const x = join;\n",
    /does not run in Node/,
  ],
  [
    'the renderer never loads Node-only packages',
    'src-renderer/features/fixture.ts',
    "import Conf from 'conf';\nexport const x = Conf;\n",
    /runs only in Node/,
  ],
  [
    'the renderer never loads the keychain',
    'src-renderer/features/fixture.ts',
    "import { Entry } from '@napi-rs/keyring';\nexport const x = Entry;\n",
    /runs only in Node/,
  ],
  [
    'the renderer talks to main only through the contract',
    'src-renderer/features/fixture.ts',
    "import { createApp } from '../../src-main/app/create-app';\nexport const x = createApp;\n",
    /only through the contract/,
  ],
  [
    'production code never imports test support',
    'src-main/connection/fixture.ts',
    "import { startHarness } from '../kraken/test-harness';\nexport const x = startHarness;\n",
    /never imports test support/,
  ],
  [
    'money never becomes a JS number',
    'src-main/connection/fixture.ts',
    "export const x = parseFloat('1.5');\n",
    /Money never becomes a JS number/,
  ],
];

describe('lint keeps each runtime in its folder', () => {
  it.each(cases)('%s', async (_name, path, code, expected) => {
    const messages = await boundaryMessages(path, code);
    expect(
      messages.some((message) => expected.test(message)),
      messages.join(' | ') || 'no message',
    ).toBe(true);
  });

  it('allows the same imports where they belong', async () => {
    expect(
      await boundaryMessages('src-main/connection/fixture.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"),
    ).toEqual([]);
    expect(await boundaryMessages('src-main/electron/ipc.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toEqual(
      [],
    );
    expect(
      await boundaryMessages('src-renderer/features/fixture.tsx', "import { useState } from 'react';\nexport const x = useState;\n"),
    ).toEqual([]);
    expect(
      await boundaryMessages(
        'src-main/connection/fixture.test.ts',
        "import { startHarness } from '../kraken/test-harness';\nexport const x = startHarness;\n",
      ),
    ).toEqual([]);
  });
});
