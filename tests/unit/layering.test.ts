/**
 * The layer rules themselves, tested the way Signal-Desktop tests its own lint rules: each probe in
 * tests/layer-probes/ is copied into a temporary folder inside the layer it pretends to belong to,
 * linted with the project's real eslint.config.mjs and compiled with that layer's tsconfig options.
 * Every must-fail probe has to trip exactly the rules listed here, and every control has to pass
 * clean, so a rule that stops firing or starts firing on legal code both fail this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = join(__dirname, '../..');
const probes = join(root, 'tests/layer-probes');

type Layer = 'main' | 'preload' | 'renderer' | 'shared';
const placed = new Map<string, string>();

/** Copy tests/layer-probes/<probeDir> into <layer>/layer-probe-tmp-XXXX/ (git-, lint- and tsc-ignored). */
function place(probeDir: string, layer: Layer): string {
  const dir = mkdtempSync(join(root, layer, 'layer-probe-tmp-'));
  cpSync(join(probes, probeDir), dir, { recursive: true });
  placed.set(probeDir, dir);
  return dir;
}

const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.mjs'), ignore: false });

/** Rule ids reported for one file, with how often each fired. */
async function lintRules(file: string): Promise<Record<string, number>> {
  const [result] = await eslint.lintFiles([file]);
  const counts: Record<string, number> = {};
  for (const m of result!.messages) {
    const id = m.ruleId ?? `fatal: ${m.message}`;
    counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}

async function lintMessages(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([file]);
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

function parseConfig(configPath: string): ts.ParsedCommandLine {
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
}

const lastProgram = new Map<Layer, ts.Program>();

/**
 * Compile probe files as more files of a layer's project, the way `tsc -b` sees them: the layer's
 * options (still composite, so importing a file outside the layer and its references is TS6307) and
 * all the layer's own files plus the sources of the projects it references, so a package whose
 * types leak Node or DOM globals into the layer is caught too. Returns the probes' diagnostics.
 */
function typeErrors(layer: Layer, ...files: string[]): string[] {
  const parsed = parseConfig(join(root, `tsconfig.${layer}.json`));
  const referenced = (parsed.projectReferences ?? [])
    .flatMap((r) => parseConfig(r.path).fileNames)
    .filter((f) => !f.endsWith('.d.ts')); // ambient declarations stay with their own project
  const { emitDeclarationOnly: _e, tsBuildInfoFile: _t, outDir: _o, ...options } = parsed.options;
  const program = ts.createProgram({
    rootNames: [...parsed.fileNames, ...referenced, ...files],
    options: { ...options, noEmit: true },
    ...(lastProgram.has(layer) ? { oldProgram: lastProgram.get(layer)! } : {}),
  });
  lastProgram.set(layer, program);
  const probes = files.map((f) => program.getSourceFile(f)!);
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...probes.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ];
  return diagnostics
    .filter((d) => !d.file || files.includes(d.file.fileName))
    .map(
      (d) =>
        `TS${d.code}: ${d.file ? `${relative(root, d.file.fileName)}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

beforeAll(() => {
  place('renderer', 'renderer');
  place('shared', 'shared');
  place('main', 'main');
  place('preload', 'preload');
  place('cycle', 'shared');
});

afterAll(() => {
  for (const dir of placed.values()) rmSync(dir, { recursive: true, force: true });
});

const at = (probeDir: string, file: string) => join(placed.get(probeDir)!, file);

describe('layer rules: lint', () => {
  it('the renderer may not import main, main-only packages, Node builtins or unlisted packages, nor use process', async () => {
    const file = at('renderer', 'imports-main.ts');
    expect(await lintRules(file)).toEqual({
      'import-x/no-restricted-paths': 1, // ../../main/runtime
      'no-restricted-imports': 3, // undici, node:fs, left-pad
      'no-restricted-globals': 1, // process
    });
    const messages = (await lintMessages(file)).join('\n');
    expect(messages).toMatch(/undici belongs to main/);
    expect(messages).toMatch(/no Node builtins/);
    expect(messages).toMatch(/Not a dependency in package\.json/);
  });

  it('the renderer may not use Node globals', async () => {
    expect(await lintRules(at('renderer', 'uses-node-globals.ts'))).toEqual({ 'no-restricted-globals': 2 });
  });

  it('shared/ may not import other layers or renderer packages, nor use window or process', async () => {
    expect(await lintRules(at('shared', 'uses-globals.ts'))).toEqual({
      'import-x/no-restricted-paths': 1, // ../../renderer/src/lib/format
      'no-restricted-imports': 1, // dexie
      'no-restricted-globals': 2, // window, process
    });
  });

  it('main may not import the renderer, the preload or electron outside the shell, nor use indexedDB', async () => {
    const file = at('main', 'imports-renderer.ts');
    expect(await lintRules(file)).toEqual({
      'import-x/no-restricted-paths': 2, // renderer, preload
      'no-restricted-imports': 1, // electron
      'no-restricted-globals': 1, // indexedDB
    });
    expect((await lintMessages(file)).join('\n')).toMatch(/electron belongs to shell \/ preload/);
  });

  it('the preload may not import main', async () => {
    expect(await lintRules(at('preload', 'imports-main.ts'))).toEqual({ 'import-x/no-restricted-paths': 1 });
  });

  it('two modules that import each other are a cycle', async () => {
    expect(await lintRules(at('cycle', 'cycle-a.ts'))).toEqual({ 'import-x/no-cycle': 1 });
    expect(await lintRules(at('cycle', 'cycle-b.ts'))).toEqual({ 'import-x/no-cycle': 1 });
  });

  it.each([
    ['renderer', 'control.ts'],
    ['renderer', 'util.ts'],
    ['shared', 'control.ts'],
    ['shared', 'events.ts'],
    ['main', 'control.ts'],
    ['preload', 'control.ts'],
  ])('control %s/%s lints clean (local ./util and ./events are not Node builtins)', async (dir, file) => {
    expect(await lintMessages(at(dir, file))).toEqual([]);
  });
});

// Each case builds a whole layer's program: slow on a busy machine, so a generous timeout.
describe('layer rules: typecheck with each layer tsconfig', { timeout: 120_000 }, () => {
  const missing = (errors: string[], name: string) =>
    errors.some((e) => /^TS(2304|2552|2580|2591|2867|2868):/.test(e) && e.includes(`'${name}'`));
  /** TS6307: the import reached a file outside the layer and the projects it references. */
  const outsideLayer = (errors: string[], target: string) =>
    errors.some((e) => e.startsWith('TS6307:') && e.includes(`${root}/${target}`));

  it('shared/ has neither DOM nor Node types, and cannot see the renderer', () => {
    const errors = typeErrors('shared', at('shared', 'uses-globals.ts'));
    expect(missing(errors, 'window'), errors.join('\n')).toBe(true);
    expect(missing(errors, 'process'), errors.join('\n')).toBe(true);
    expect(outsideLayer(errors, 'renderer/src/lib/format.ts'), errors.join('\n')).toBe(true);
  });

  it('the renderer has no Node types', () => {
    const errors = typeErrors('renderer', at('renderer', 'uses-node-globals.ts'));
    expect(missing(errors, 'process'), errors.join('\n')).toBe(true);
    expect(missing(errors, 'Buffer'), errors.join('\n')).toBe(true);
  });

  it('the renderer cannot see main', () => {
    const errors = typeErrors('renderer', at('renderer', 'imports-main.ts'));
    expect(outsideLayer(errors, 'main/runtime.ts'), errors.join('\n')).toBe(true);
  });

  it('main has no DOM types, and cannot see the renderer or the preload', () => {
    const errors = typeErrors('main', at('main', 'imports-renderer.ts'));
    expect(missing(errors, 'indexedDB'), errors.join('\n')).toBe(true);
    expect(outsideLayer(errors, 'renderer/src/db/schema.ts'), errors.join('\n')).toBe(true);
    expect(outsideLayer(errors, 'preload/index.ts'), errors.join('\n')).toBe(true);
  });

  it.each([
    ['renderer', ['control.ts', 'util.ts']],
    ['shared', ['control.ts', 'events.ts']],
    ['main', ['control.ts']],
    ['preload', ['control.ts']],
  ] as const)('the %s control compiles with its layer tsconfig', (layer, files) => {
    expect(typeErrors(layer, ...files.map((f) => at(layer, f)))).toEqual([]);
  });
});

describe('every package has a layer', () => {
  it('DEPENDENCY_LAYERS in eslint.config.mjs matches package.json both ways', async () => {
    type Pkg = { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const { unlayeredDependencies } = (await import(pathToFileURL(join(root, 'eslint.config.mjs')).href)) as {
      unlayeredDependencies(pkg: Pkg): { missing: string[]; stale: string[] };
    };
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Pkg;
    expect(unlayeredDependencies(pkg)).toEqual({ missing: [], stale: [] });
    // And the check can fail: a new dependency without a layer, a layer for a removed package.
    const added = { ...pkg, dependencies: { ...pkg.dependencies, 'left-pad': '1.3.0' } };
    expect(unlayeredDependencies(added).missing).toEqual(['left-pad']);
    const { undici: _gone, ...rest } = pkg.dependencies;
    expect(unlayeredDependencies({ ...pkg, dependencies: rest }).stale).toEqual(['undici']);
  });
});
