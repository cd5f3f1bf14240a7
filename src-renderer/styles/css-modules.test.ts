// Every `styles.x` a component reads must be a class its CSS module defines (a typo would otherwise drop the style
// without a word), and only src-renderer/styles/ is imported as global CSS.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const renderer = resolve(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The keys Vite gives a module's classes (localsConvention camelCaseOnly); :global(...) names are not the module's. */
function moduleKeys(css: string): Set<string> {
  const local = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/:global\([^)]*\)/g, '')
    .replace(/url\([^)]*\)/g, '');
  const names = [...local.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((match) => match[1] ?? '');
  return new Set(names.map((name) => name.replace(/-+(\w)/g, (_, letter: string) => letter.toUpperCase())));
}

/** Each CSS module a TSX file imports, by the name it is bound to, and the keys read through that name. */
function moduleUses(tsx: string): { binding: string; path: string; keys: string[] }[] {
  return [...tsx.matchAll(/^import (\w+) from '([^']+\.module\.css)';$/gm)].map(([, binding = '', path = '']) => ({
    binding,
    path,
    keys: [...tsx.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, 'g'))].map((match) => match[1] ?? ''),
  }));
}

const sources = filesUnder(renderer).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));

describe('CSS modules', () => {
  it('reads the keys the way Vite exports them', () => {
    expect([...moduleKeys('.asset-row:hover, :global(.num-cell) .cell--x { } /* .gone */')]).toEqual(['assetRow', 'cellX']);
    expect(moduleUses("import styles from './a.module.css';\nconst x = styles.assetRow;")).toEqual([
      { binding: 'styles', path: './a.module.css', keys: ['assetRow'] },
    ]);
  });

  it.each(sources.filter((file) => file.endsWith('.tsx')).map((file) => relative(renderer, file)))(
    '%s reads only classes its modules define',
    (file) => {
      const tsx = readFileSync(join(renderer, file), 'utf8');
      for (const use of moduleUses(tsx)) {
        const defined = moduleKeys(readFileSync(resolve(renderer, dirname(file), use.path), 'utf8'));
        const missing = use.keys.filter((key) => !defined.has(key));
        expect(missing, `${use.binding} from ${use.path}`).toEqual([]);
      }
    },
  );

  it('imports only src-renderer/styles/ as global CSS, and every other stylesheet is a module', () => {
    const globalImports = sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import '([^']+\.css)';$/gm)].map(([, path = '']) =>
        relative(renderer, resolve(dirname(file), path)),
      ),
    );
    expect(globalImports.filter((path) => !path.startsWith('styles/'))).toEqual([]);
    const plainSheets = filesUnder(renderer).filter((file) => file.endsWith('.css') && !file.endsWith('.module.css'));
    expect(plainSheets.map((file) => relative(renderer, file)).filter((path) => !path.startsWith('styles/'))).toEqual([]);
  });
});
