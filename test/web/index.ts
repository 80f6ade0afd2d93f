// The web-worker test suite's entry (dist/test/web.js, built by scripts/vscode-host/web.mjs): VS Code's extension
// host in the browser calls run() with the extension under test loaded from its `browser` entry. Results go to the
// console as one `[mocha-web] {json}` line per event, which the runner collects from the page.
import mocha from 'mocha/mocha.js';
import { defineWebTests } from './web.test';

type Runner = {
  on(event: 'pass' | 'fail' | 'pending', listener: (test: MochaTest, err?: Error) => void): void;
  on(event: 'end', listener: () => void): void;
  stats?: { passes: number; failures: number };
};
interface MochaTest {
  fullTitle(): string;
  duration?: number;
}

const emit = (event: Record<string, unknown>) => console.log(`[mocha-web] ${JSON.stringify(event)}`);

/** Reports each test as a JSON line; the workbench forwards the worker's console to the page. */
function JsonLinesReporter(this: unknown, runner: Runner) {
  runner.on('pass', (test) => emit({ event: 'pass', title: test.fullTitle(), ms: test.duration ?? 0 }));
  runner.on('fail', (test, err) =>
    emit({ event: 'fail', title: test.fullTitle(), message: err?.message ?? String(err), stack: err?.stack }),
  );
  runner.on('pending', (test) => emit({ event: 'pending', title: test.fullTitle() }));
  runner.on('end', () =>
    emit({ event: 'end', passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }),
  );
}

export function run(): Promise<void> {
  // This suite proves that the extension runs without Node: in a host where `process` exists (the Node extension
  // host, for a suite loaded by mistake), it says so instead of passing on the wrong host.
  if (typeof (globalThis as { process?: unknown }).process !== 'undefined') {
    const message =
      'The web suite runs only in the browser extension host (no `process`); it was loaded in a Node host. Run it with npm run test:web.';
    emit({ event: 'fail', title: 'web extension host', message });
    return Promise.reject(new Error(message));
  }
  mocha.setup({ ui: 'bdd', timeout: 60_000, reporter: JsonLinesReporter as never, forbidOnly: true });
  // After setup(), which defines describe and it.
  defineWebTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures: number) =>
      failures > 0 ? reject(new Error(`${failures} web test${failures === 1 ? '' : 's'} failed`)) : resolve(),
    );
  });
}
