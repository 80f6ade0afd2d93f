import { after, before, beforeEach } from 'node:test';
import { EMULATOR_ENV, IdentityCenterEmulator, Switches } from '../../tools/emulator/server';
import { Seed, loadSeed } from '../../tools/emulator/seed';

/**
 * The environment the AWS SDK clients of a suite need to talk to the emulator (or to a fake endpoint): the static
 * test credentials, and no profile from the machine running the tests.
 */
export function useEmulatorEnvironment(): void {
  Object.assign(process.env, EMULATOR_ENV);
  delete process.env.AWS_PROFILE;
}

export interface EmulatorFixture {
  readonly emulator: IdentityCenterEmulator;
  /** The emulator's URL (known once the suite's `before` has run). */
  readonly endpoint: string;
}

/**
 * An emulator for the `describe` block that calls this: started before its tests and stopped after them; before each
 * test its switches are set to `switches` (when given) and its statistics cleared.
 */
export function withEmulator(
  seed: Seed = loadSeed(),
  options: { switches?: () => Switches; initial?: Partial<Switches> } = {},
): EmulatorFixture {
  useEmulatorEnvironment();
  const emulator = new IdentityCenterEmulator(seed, options.initial);
  let endpoint = '';
  before(async () => {
    endpoint = await emulator.start();
  });
  after(() => emulator.stop());
  if (options.switches) {
    const switches = options.switches;
    beforeEach(() => {
      emulator.switches = switches();
      emulator.resetStats();
    });
  }
  return {
    emulator,
    get endpoint() {
      return endpoint;
    },
  };
}
