// Builds the extension host bundle, the lazily loaded parts, the CLI and the webview UI with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webBundle } from './web-build.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The lazily loaded parts, each by the module that loads it: imports of them from their loader stay out of the main
 * bundles and point at their own files, so that activation does not load the features' code, the AWS SDK or the
 * XML/signature stack (src/activation.ts loads the features; src/lazyParts.ts the SAML and AWS parts).
 */
const LAZY_PARTS = {
  'src/activation.ts': { './features': './features.js' },
  'src/lazyParts.ts': { './core/saml/index': './saml.js', './aws/index': './aws.js' },
};
const lazyParts = {
  name: 'lazy-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/(features|core\/saml\/index|aws\/index)$/ }, (args) => {
      const importer = args.importer.replace(/\\/g, '/');
      const loader = Object.keys(LAZY_PARTS).find((file) => importer.endsWith(file));
      const part = loader && LAZY_PARTS[loader][args.path];
      return part ? { path: part, external: true } : undefined;
    });
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
      features: 'src/features.ts',
      saml: 'src/core/saml/index.ts',
      ...(existsSync('src/aws/index.ts') ? { aws: 'src/aws/index.ts' } : {}),
    },
  },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
];
// The browser's build of the extension (package.json `browser`): see scripts/web-build.mjs.
builds.push(webBundle({ production, entryPoints: { 'web/extension': 'src/web/extension.ts' }, outdir: 'dist' }));
// Development tool, not shipped in the .vsix.
builds.push({ ...node, entryPoints: { emulator: 'tools/emulator/main.ts' }, plugins: [] });
/**
 * A webview page's browser code and stylesheet, from src/<page>/webview/main.ts (which imports the page's stylesheet
 * and its protocol beside it) to dist/<page>/<page>.js and .css: a folder of its own, the only one the page may load from.
 */
const webviewPage = (page) => ({
  entryPoints: { [`${page}/${page}`]: `src/${page}/webview/main.ts` },
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
builds.push(webviewPage('configurator'), webviewPage('readiness'));

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
  const nodeInWeb = nodeGlobalsIn(readFileSync('dist/web/extension.js', 'utf8'));
  if (nodeInWeb.length) {
    console.error(`dist/web/extension.js uses what the browser does not have:\n  ${nodeInWeb.join('\n  ')}`);
    process.exit(1);
  }
  writeFileSync('dist/THIRD-PARTY-NOTICES.txt', thirdPartyNotices(metafiles));
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

/**
 * Node's globals and modules in the web bundle: esbuild refuses a Node built-in import on the browser platform, but a
 * global (`Buffer.from`, `process.env`) or a `require` it cannot see would only fail in the browser, when reached.
 */
function nodeGlobalsIn(code) {
  const uses = code.match(
    /(?<![.\w$])(?:(?:Buffer|process|global|__dirname|__filename)\s*\.|setImmediate\s*\(|require\(\s*["'`](?!vscode["'`]))/g,
  );
  return [...new Set(uses ?? [])];
}

/**
 * The licences of the third-party code that the shipped bundles actually contain (from esbuild's metafiles, so a
 * package that is installed but not bundled is not listed, and one that is bundled cannot be forgotten).
 */
function thirdPartyNotices(outputs) {
  const shipped = Object.entries(outputs).filter(([file]) =>
    /^dist\/(extension|features|saml|aws|cli|configurator\/configurator|readiness\/readiness|web\/extension)\.js$/.test(
      file,
    ),
  );
  const dirs = new Set();
  for (const [, output] of shipped) {
    for (const input of Object.keys(output.inputs)) {
      const m = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
      if (m) dirs.add(m[1]);
    }
  }
  const entries = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const files = readdirSync(dir)
        .filter((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f))
        .sort();
      const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
      const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see the package');
      return { id: `${pkg.name}@${pkg.version}`, license, texts };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  // Packages that ship the same licence text share one copy of it (most of the AWS SDK is one Apache-2.0 text).
  const groups = new Map();
  const unique = [...new Map(entries.map((x) => [x.id, x])).values()];
  for (const e of unique.filter((x) => x.texts.length > 0)) {
    const text = e.texts.join('\n\n');
    const key = `${e.license}\n${text}`;
    if (!groups.has(key)) groups.set(key, { license: e.license, text, ids: [] });
    groups.get(key).ids.push(e.id);
  }
  // A package without a licence file is listed with another package's text of the same licence.
  for (const e of unique.filter((x) => x.texts.length === 0)) {
    const same = [...groups.values()].find((g) => g.license === e.license);
    if (same) same.ids.push(e.id);
    else
      groups.set(e.id, {
        license: e.license,
        text: `(No licence file in the package; its licence is ${e.license}.)`,
        ids: [e.id],
      });
  }
  return (
    'Frontline SSO for VS Code bundles the following third-party software, listed with the licence each package\n' +
    'ships (generated by scripts/build.mjs from the packages the bundles contain).\n\n' +
    [...groups.values()]
      .map((g) => ['='.repeat(80), ...g.ids.map((id) => `${id} — ${g.license}`), '='.repeat(80), g.text].join('\n'))
      .join('\n\n') +
    '\n'
  );
}
