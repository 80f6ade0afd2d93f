// The esbuild options of the browser bundles (vscode.dev, github.dev): no Node built-ins, no Node globals.
import { dirname, join } from 'node:path';
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
/** xml-crypto's own imports of Node's `crypto` and `util`, for code paths the extension never takes (scripts/web-stubs/). */
const xmlCryptoNodeStubs = {
  name: 'xml-crypto-node-stubs',
  setup(build) {
    build.onResolve({ filter: /^(crypto|util)$/ }, (args) =>
      /[\\/]node_modules[\\/]xml-crypto[\\/]/.test(args.importer)
        ? { path: join(ROOT, 'scripts', 'web-stubs', `xml-crypto-${args.path}.mjs`) }
        : undefined,
    );
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
    plugins: [webReplacements, xmlCryptoNodeStubs],
    mainFields: ['browser', 'module', 'main'],
    ...options,
  };
}
