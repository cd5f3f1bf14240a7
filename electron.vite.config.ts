import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const fromRoot = (path: string): string => resolve(import.meta.dirname, path);
// OC9_OUT_DIR lets parallel builds (and e2e runs) use separate output folders; the renderer's would otherwise
// resolve against its own root
const outDir = process.env['OC9_OUT_DIR'] ?? 'out';

export default defineConfig(({ command }) => ({
  main: {
    // test switches are fixed when the bundle is built: a shipped build cannot be told at run time to drop its sandbox
    define: { __OC9_TEST_BUILD__: JSON.stringify(process.env['OC9_TEST_BUILD'] === '1') },
    build: {
      outDir: fromRoot(`${outDir}/main`),
      rolldownOptions: {
        // index: the Electron shell; serve: browser mode in plain Node (it never imports electron)
        input: { index: fromRoot('src-main/electron/main.ts'), serve: fromRoot('src-main/server/serve.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot(`${outDir}/preload`),
      externalizeDeps: false, // a sandboxed preload must be one CommonJS file with its dependencies bundled in
      rolldownOptions: {
        input: { preload: fromRoot('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('src-renderer'),
    base: './',
    build: {
      outDir: fromRoot(`${outDir}/renderer`),
      emptyOutDir: true,
      // shipped minified: half the bytes to load at every start (electron-vite leaves it off by default)
      minify: true,
      rolldownOptions: { input: { index: fromRoot('src-renderer/index.html') } },
    },
    plugins: [react()],
    css: {
      modules: {
        // kebab-case in the stylesheets, camelCase keys in TSX (styles.assetRow): one spelling per side
        localsConvention: 'camelCaseOnly',
        // readable in dev tools while developing, short hashed names in the shipped build
        ...(command === 'serve' ? { generateScopedName: '[name]__[local]___[hash:base64:5]' } : {}),
      },
    },
  },
}));
