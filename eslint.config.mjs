// Layering is enforced here by what an import resolves to, not by how its string looks:
//   renderer/  imports shared/ only (talks to main through window.api), never Node
//   main/      imports shared/ only (never the renderer or the preload)
//   preload/   imports shared/ only
//   shared/    imports no other layer, no Node, no DOM
// plus one table saying which layer may import each npm package, no import cycles, and each layer
// barred from the other runtime's globals. The rules are tested: tests/unit/layering.test.ts lints
// must-fail probes from tests/layer-probes/ as if they sat in each layer. Rules are by folder glob,
// so they keep holding when files move between feature folders inside a layer.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** The source layers and the files each one owns. `shell` is main's Electron-facing part. */
export const LAYER_FILES = {
  main: ['main/**/*.ts'],
  shell: ['main/index.ts', 'main/window.ts'],
  preload: ['preload/**/*.ts'],
  renderer: ['renderer/**/*.{ts,tsx}'],
  shared: ['shared/**/*.ts'],
};

const ANYWHERE = ['main', 'preload', 'renderer', 'shared'];
/** Not importable from any source layer: build tools, test tools, type packages. */
const TOOLING = [];

/**
 * Where each package in package.json may be imported from (after Signal-Desktop's table). Every
 * dependency and devDependency must be listed: lint stops with an error naming any that is not, so
 * a new package gets a layer the day it is added.
 */
export const DEPENDENCY_LAYERS = {
  // main: network, keychain, the synthetic sample dataset
  undici: ['main'],
  '@faker-js/faker': ['main'],
  'p-queue': ['main'],
  // renderer: UI and IndexedDB
  react: ['renderer'],
  'react-dom': ['renderer'],
  dexie: ['renderer'],
  'dexie-react-hooks': ['renderer'],
  '@tanstack/react-virtual': ['renderer'],
  zustand: ['renderer'],
  papaparse: ['renderer'], // the CSV Worker's tokenizer
  // the component kit and its charts (recharts and react-is are @mantine/charts' peers)
  '@mantine/core': ['renderer'],
  '@mantine/hooks': ['renderer'],
  '@mantine/notifications': ['renderer'],
  '@mantine/spotlight': ['renderer'],
  '@mantine/charts': ['renderer'],
  recharts: ['renderer'],
  'react-is': ['renderer'],
  // pure libraries, safe in every process
  zod: ANYWHERE,
  'libphonenumber-js': ANYWHERE,
  tldts: ANYWHERE,
  // Electron only in the thin shell: main/index.ts, main/window.ts and the preload
  electron: ['shell', 'preload'],
  // main, optional: the OS keychain binding (install never fails without libsecret)
  keytar: ['main'],
  // tooling
  '@electron/rebuild': TOOLING,
  'electron-builder': TOOLING,
  yaml: TOOLING,
  '@eslint/js': TOOLING,
  '@playwright/test': TOOLING,
  '@types/node': TOOLING,
  '@types/papaparse': TOOLING,
  '@types/react': TOOLING,
  '@types/react-dom': TOOLING,
  '@vitejs/plugin-react': TOOLING,
  'axe-core': TOOLING, // injected into the page by tests/e2e/a11y.spec.ts
  'electron-vite': TOOLING,
  esbuild: TOOLING,
  eslint: TOOLING,
  'eslint-import-resolver-typescript': TOOLING,
  'eslint-plugin-import-x': TOOLING,
  'fake-indexeddb': TOOLING,
  prettier: TOOLING,
  tsx: TOOLING,
  typescript: TOOLING,
  'typescript-eslint': TOOLING,
  vite: TOOLING,
  vitest: TOOLING,
};

/** Names in package.json without a layer, and layer entries for packages package.json no longer has. */
export function unlayeredDependencies(pkg, table = DEPENDENCY_LAYERS) {
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.devDependencies });
  return {
    missing: declared.filter((name) => !Object.hasOwn(table, name)),
    stale: Object.keys(table).filter((name) => !declared.includes(name)),
  };
}

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const { missing, stale } = unlayeredDependencies(pkg);
if (missing.length || stale.length) {
  throw new Error(
    `eslint.config.mjs DEPENDENCY_LAYERS is out of step with package.json.` +
      (missing.length ? ` Give these a layer: ${missing.join(', ')}.` : '') +
      (stale.length ? ` Remove these (no longer in package.json): ${stale.join(', ')}.` : ''),
  );
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Every Node builtin by exact name, bare and with `node:`, so `./util` or `./events` stay legal. */
const NODE_BUILTINS = [
  ...new Set(builtinModules.flatMap((m) => [m.replace(/^node:/, ''), `node:${m.replace(/^node:/, '')}`])),
];

/** no-restricted-imports options for a file that belongs to `layers`. */
function importRules(layers, { node }) {
  const banned = Object.entries(DEPENDENCY_LAYERS).filter(([, allowed]) => !allowed.some((l) => layers.includes(l)));
  const known = [...Object.keys(DEPENDENCY_LAYERS), ...NODE_BUILTINS];
  const patterns = banned.map(([name, allowed]) => ({
    // The package and its subpaths (react-dom/client), by exact name.
    regex: `^${escape(name)}(/.*)?$`,
    message: allowed.length
      ? `${name} belongs to ${allowed.join(' / ')} (DEPENDENCY_LAYERS in eslint.config.mjs), not here.`
      : `${name} is a build or test tool: source layers never import it.`,
  }));
  // Bare names that are neither in package.json nor builtins (transitive packages, typos).
  patterns.push({
    regex: `^(?![./])(?!(?:${known.map(escape).join('|')})(?:/|$))`,
    message: 'Not a dependency in package.json: add it there and give it a layer in DEPENDENCY_LAYERS.',
  });
  const paths = node
    ? []
    : NODE_BUILTINS.map((name) => ({ name, message: 'This layer runs without Node: no Node builtins.' }));
  return ['error', { paths, patterns }];
}

const BROWSER_GLOBALS = ['window', 'document', 'indexedDB', 'localStorage', 'sessionStorage', 'navigator'].map(
  (name) => ({ name, message: `${name} is a browser global: this layer runs in Node (or everywhere).` }),
);
const NODE_GLOBALS = ['process', 'require', '__dirname', '__filename', 'Buffer', 'global'].map((name) => ({
  name,
  message: `${name} is a Node global: this layer runs in the sandboxed renderer (or everywhere).`,
}));

const layerZone = (target, from, message) => ({ target: `./${target}`, from: from.map((f) => `./${f}`), message });

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/bench/results/**',
      '.prof.*',
      // Must-fail probes: linted on purpose by tests/unit/layering.test.ts, never by `npm run lint`.
      'tests/layer-probes/**',
      '**/layer-probe-tmp-*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: Object.values(LAYER_FILES).flat(),
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.tests.json` })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            layerZone('renderer', ['main', 'preload'], 'The renderer talks to main only through window.api.'),
            layerZone('main', ['renderer', 'preload'], 'main never imports the renderer or the preload.'),
            layerZone('preload', ['main', 'renderer'], 'The preload imports shared/ only.'),
            layerZone(
              'shared',
              ['main', 'renderer', 'preload'],
              'shared/ runs in every process: it imports only shared/.',
            ),
          ],
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  { files: LAYER_FILES.main, rules: { 'no-restricted-imports': importRules(['main'], { node: true }) } },
  { files: LAYER_FILES.shell, rules: { 'no-restricted-imports': importRules(['main', 'shell'], { node: true }) } },
  { files: LAYER_FILES.preload, rules: { 'no-restricted-imports': importRules(['preload'], { node: false }) } },
  { files: LAYER_FILES.renderer, rules: { 'no-restricted-imports': importRules(['renderer'], { node: false }) } },
  { files: LAYER_FILES.shared, rules: { 'no-restricted-imports': importRules(['shared'], { node: false }) } },
  { files: LAYER_FILES.main, rules: { 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] } },
  { files: LAYER_FILES.renderer, rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] } },
  { files: LAYER_FILES.shared, rules: { 'no-restricted-globals': ['error', ...BROWSER_GLOBALS, ...NODE_GLOBALS] } },
  {
    files: ['scripts/**/*.mjs', '*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
  // Browser tests reach into window.* from page.evaluate, where `any` is the honest type.
  { files: ['tests/e2e/**/*.ts', 'tests/bench/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
