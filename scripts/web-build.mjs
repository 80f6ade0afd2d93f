// The esbuild options of the browser bundles (vscode.dev, github.dev): no Node built-ins, no Node globals.
import { dirname, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The browser's build of the extension (package.json `browser`; vscode.dev, github.dev): src/web/extension.ts and
 * what it registers, in one file, with no Node built-ins (esbuild refuses them on this platform, and nothing polyfills
 * them) and nothing that needs the machine. The web worker's extension host loads one file and has no `require` but
 * for `vscode`, so the parts that the desktop loads lazily from their own files are in this bundle, where esbuild
 * evaluates a module required from a function only when it is first required: activation still runs only the
 * registrations. These modules are replaced by their browser counterparts in src/web/.
 */
const WEB_REPLACEMENTS = {
  'src/activation.ts': { './features': 'src/web/features.ts' },
  'src/lazyParts.ts': { './aws/index': 'src/web/aws.ts' },
  'src/host/configFiles.ts': { './localFiles': 'src/web/localFiles.ts' },
};
const webReplacements = {
  name: 'web-replacements',
  setup(build) {
    build.onResolve({ filter: /^\.\/(features|aws\/index|localFiles)$/ }, (args) => {
      const importer = args.importer.replace(/\\/g, '/');
      const module = Object.keys(WEB_REPLACEMENTS).find((file) => importer.endsWith(file));
      const replacement = module && WEB_REPLACEMENTS[module][args.path];
      return replacement ? { path: join(ROOT, replacement) } : undefined;
    });
  },
};
/**
 * pvtsutils (under @peculiar/asn1-schema) falls back to `Buffer.from` only where `btoa`/`atob` are missing, which
 * browsers always have. Reaching the fallback through `globalThis` keeps scripts/build.mjs's check for Node globals
 * in the web bundle strict for every other use.
 */
const pvtsutilsGuardedBuffer = {
  name: 'pvtsutils-guarded-buffer',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]pvtsutils[\\/].*\.(c|m)?js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(/(?<![.\w$])Buffer\.from\(/g, 'globalThis.Buffer.from('),
      loader: 'js',
    }));
  },
};
/**
 * esbuild options for a bundle that runs in the browser's extension host: the web extension (scripts/build.mjs) and
 * the web benchmarks' probe (scripts/vscode-host/web.mjs), which runs the same src/core code in the web worker.
 */
export function webBundle({ production = false, ...options }) {
  return {
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    metafile: true,
    legalComments: 'linked',
    plugins: [webReplacements, pvtsutilsGuardedBuffer],
    mainFields: ['browser', 'module', 'main'],
    ...options,
  };
}
