// Builds the extension host bundle, the lazily loaded parts, the CLI and the webview UI with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Imports of these modules from src/lazy.ts stay out of the main bundles and point at their own files, so that
 * activation does not load the AWS SDK or the XML/signature stack.
 */
const LAZY_PARTS = { './core/saml/index': './saml.js', './aws/index': './aws.js' };
const lazyParts = {
  name: 'lazy-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/(core\/saml|aws)\/index$/ }, (args) =>
      args.importer.replace(/\\/g, '/').endsWith('src/lazy.ts')
        ? { path: LAZY_PARTS[args.path], external: true }
        : undefined,
    );
  },
};

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  metafile: true,
  legalComments: 'linked',
  plugins: [lazyParts],
  outdir: 'dist',
  // jsonc-parser's UMD build cannot be bundled; its ESM build can.
  mainFields: ['module', 'main'],
};

const builds = [
  {
    ...node,
    entryPoints: {
      extension: 'src/extension.ts',
      saml: 'src/core/saml/index.ts',
      ...(existsSync('src/aws/index.ts') ? { aws: 'src/aws/index.ts' } : {}),
    },
  },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
];
// Development tool, not shipped in the .vsix.
builds.push({ ...node, entryPoints: { emulator: 'tools/emulator/main.ts' }, plugins: [] });
if (existsSync('webview-ui/main.ts')) {
  builds.push({
    // A folder of its own (script and stylesheet): the webview may load from it and nothing else.
    entryPoints: { webview: 'webview-ui/main.ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    metafile: true,
    outdir: 'dist/webview',
    legalComments: 'linked',
  });
}

// The readiness report page: its script and stylesheet in one folder, the page's only resource root.
if (existsSync('src/readiness/webview/main.ts')) {
  builds.push({
    entryPoints: { 'readiness/readiness': 'src/readiness/webview/main.ts' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    metafile: true,
    outdir: 'dist',
    legalComments: 'linked',
  });
}

mkdirSync('dist', { recursive: true });
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  const metafiles = {};
  for (const options of builds) {
    const result = await esbuild.build(options);
    Object.assign(metafiles, result.metafile.outputs);
  }
  chmodSync('dist/cli.js', 0o755);
  // Output sizes, read by the benchmarks.
  copyFileSync('tools/emulator/fixture.json', 'dist/fixture.json');
  writeFileSync(
    'dist/sizes.json',
    JSON.stringify(
      Object.fromEntries(
        Object.entries(metafiles)
          .filter(([file]) => file.endsWith('.js'))
          .map(([file, out]) => [file, out.bytes]),
      ),
      null,
      2,
    ),
  );
}
