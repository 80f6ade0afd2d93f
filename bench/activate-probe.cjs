// Loads dist/extension.js and runs activate() with a stand-in `vscode` module, in a fresh process; prints timings
// and which of the project's files were loaded. The stand-in answers every API call with a harmless object, so
// the figure is the extension's own start-up cost.
const Module = require('node:module');
const { join } = require('node:path');

const stub = () =>
  new Proxy(function () {}, {
    // A view starts hidden (VS Code asks for the tree's items only when it shows).
    get: (target, prop) =>
      prop === 'then' ? undefined : prop === 'visible' ? false : prop === Symbol.toPrimitive ? () => '' : stub(),
    apply: () => stub(),
    construct: () => stub(),
  });
const file = join(__dirname, '..', 'dist', 'extension.js');
// esbuild's interop copies the module's own keys, so the stand-in has every top-level name of the API.
const typings = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const names = new Set(
  [...typings.matchAll(/^\t(?:export )?(?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]),
);
const vscode = Object.fromEntries([...names].map((n) => [n, stub()]));
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
};
let start = performance.now();
const extension = require(file);
const requireMs = performance.now() - start;
const context = { subscriptions: [], extensionUri: stub(), globalState: stub(), workspaceState: stub() };
start = performance.now();
extension.activate(context);
const activateMs = performance.now() - start;
const loadedFiles = Object.keys(require.cache).filter((f) => f.includes(join(__dirname, '..', 'dist')));
process.stdout.write(JSON.stringify({ requireMs, activateMs, loadedFiles }));
// Timers set by activation (the deferred scans) would run against the stand-in: the measurement is done.
process.exit(0);
