import * as vscode from 'vscode';
import { guarded } from './host/log';

/**
 * What activation registers, and how the features' code is loaded once used. The features live in one lazily loaded
 * bundle (src/features.ts → dist/features.js, see scripts/build.mjs): activation (src/extension.ts and each feature's
 * register.ts) only registers commands, providers and views. Only register.ts files and extension.ts import this
 * module; the code inside the features bundle loads the SAML and AWS parts through src/lazyParts.ts instead.
 */
export type FeaturesModule = typeof import('./features');

let features: FeaturesModule | undefined;

/** What the features do once used: commands, providers, panels and every check (src/features.ts). */
export function loadFeatures(): FeaturesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  features ??= require('./features') as FeaturesModule;
  return features;
}

/** A feature's object, made from the features bundle on first use and kept for the rest of the session. */
export interface LazyFeature<T> {
  /** The feature, made (and the bundle loaded) now if it was not yet. */
  get(): T;
  /** The feature if something already made it; events that only matter to a made feature use this. */
  readonly current: T | undefined;
}

/**
 * Makes a feature's object once, when first asked. A feature that holds resources (`dispose`) is disposed with the
 * extension.
 */
export function lazyFeature<T>(
  context: vscode.ExtensionContext,
  make: (features: FeaturesModule) => T,
): LazyFeature<T> {
  let made: T | undefined;
  return {
    get: () => {
      if (made === undefined) {
        made = make(loadFeatures());
        if (typeof (made as Partial<vscode.Disposable>).dispose === 'function') {
          context.subscriptions.push(made as vscode.Disposable);
        }
      }
      return made;
    },
    get current() {
      return made;
    },
  };
}

/**
 * Registers a command whose work lives in the lazily loaded features: activation registers the id, and the first use
 * loads the code. Failures become a message and a log entry (see guarded).
 */
export function lazyCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  id: string,
  title: string,
  run: (features: FeaturesModule, ...args: unknown[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      id,
      guarded(log, title, (...args: unknown[]) => run(loadFeatures(), ...args)),
    ),
  );
}

/**
 * Whether each lazy part has been loaded yet (for the activation benchmark and tests). Asked of Node's module cache:
 * dist/features.js carries its own copy of src/lazyParts.ts, so a part it loads is not in this bundle's variables.
 */
export function loadedParts(): { features: boolean; saml: boolean; aws: boolean } {
  // Each part by its bundled name (dist/) and by its source name (compiled tests).
  const loaded = (...ids: string[]) =>
    ids.some((id) => {
      try {
        return require.cache[require.resolve(id)] !== undefined;
      } catch {
        return false;
      }
    });
  return {
    features: loaded('./features.js', './features'),
    saml: loaded('./saml.js', './core/saml/index'),
    aws: loaded('./aws.js', './aws/index'),
  };
}
