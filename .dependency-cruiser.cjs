// The import graph's rules, checked by `npm run lint` (scripts: "lint"). Layers, from the bottom:
//   src/core (pure domain logic) ← src/io, src/aws (Node and the AWS SDK) ← src/cli (the command line)
//   src/core ← src/host (VS Code helpers) ← feature folders (src/<feature>/) ← src/extension.ts
// An arrow only points down. Type-only imports count: they are structure too.
/** The folders of the extension's features: each registers itself (register.ts) and loads its work lazily. */
const FEATURES = '(certificates|configurator|drift|lint|readiness|saml|selection|signin|tree|values)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: the modules cannot be understood, tested or loaded one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core is the pure domain logic: it imports nothing from the layers above it.',
      from: { path: '^src/core/' },
      to: { path: '^(src/(?!core/)|test/|bench/|tools/)' },
    },
    {
      name: 'core-no-vscode',
      severity: 'error',
      comment: 'src/core runs in the CLI and the tests too: no vscode.',
      from: { path: '^src/core/' },
      to: { path: '^vscode$|node_modules/@types/vscode/' },
    },
    {
      name: 'core-web-platform-only',
      severity: 'error',
      comment:
        'src/core runs in Node and in a browser web worker: no Node built-in (crypto, zlib, net, buffer, fs…). Use WebCrypto, Uint8Array and the helpers in src/core/common (bytes.ts, ip.ts); file and network access belong in src/io or src/aws.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-vscode-below-host',
      severity: 'error',
      comment: 'The CLI, the AWS layer and the file layer run without VS Code.',
      from: { path: '^src/(cli|aws|io|webviews)/' },
      to: { path: '^vscode$|node_modules/@types/vscode/' },
    },
    {
      name: 'lower-layers-no-features',
      severity: 'error',
      comment:
        'The CLI, the AWS layer and the file layer never import the extension (features, host helpers, activation).',
      from: { path: '^src/(cli|aws|io|webviews)/' },
      to: { path: `^src/(${FEATURES.slice(1, -1)}|host)/|^src/(extension|features|activation)\\.ts$` },
    },
    {
      name: 'host-no-features',
      severity: 'error',
      comment: 'The VS Code host helpers sit below the features.',
      from: { path: '^src/host/' },
      to: { path: `^src/${FEATURES}/|^src/(extension|features)\\.ts$` },
    },
    {
      name: 'features-apart',
      severity: 'error',
      comment:
        "A feature folder does not import another one, except the other's types-only api.ts (wiring is extension.ts's job).",
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/`, pathNot: ['^src/$1/', `^src/${FEATURES}/api\\.ts$`] },
    },
    {
      name: 'feature-api-types-only',
      severity: 'error',
      comment: "Another feature's api.ts is imported for its types only (import type), so it never loads code.",
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/api\\.ts$`, pathNot: '^src/$1/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'page-code-apart',
      severity: 'error',
      comment:
        "A webview page's code (src/<feature>/webview/) runs in the browser: it imports its own folder and src/core, nothing of the host.",
      from: { path: `^src/${FEATURES}/webview/` },
      to: { path: '^src/', pathNot: ['^src/$1/webview/', '^src/core/'] },
    },
    {
      name: 'page-code-no-vscode',
      severity: 'error',
      comment:
        'A webview page has no vscode module; its protocol is shared with the host and must not need one either.',
      from: { path: `^src/${FEATURES}/webview/` },
      to: { path: '^vscode$|node_modules/@types/vscode/' },
    },
    {
      name: 'host-only-page-protocol',
      severity: 'error',
      comment:
        "The host side imports a page's protocol.ts only: the page's script is DOM code for the browser bundle, never the host's.",
      from: { pathNot: `^src/${FEATURES}/webview/` },
      to: { path: `^src/${FEATURES}/webview/`, pathNot: `^src/${FEATURES}/webview/protocol\\.ts$` },
    },
    {
      name: 'bench-not-tests',
      severity: 'error',
      comment: 'The benchmarks import nothing from test/: shared generators live with the code they exercise.',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'tools-no-features',
      severity: 'error',
      comment: 'Development tools use the core and AWS layers, never the extension.',
      from: { path: '^tools/' },
      to: { path: `^src/(?!core/|aws/|io/)|^test/` },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist)/' },
    moduleSystems: ['cjs', 'es6'],
  },
};
