// The readiness check's figures (issue 15): 10,000 users in 50 groups at 50 ms per call, against the floor of the
// paged calls that must be made at IAM Identity Center's 20 requests a second; and the bulk-or-one-by-one choice.
import { collectReadiness } from '../src/aws/readiness';
import { IdentityCenter } from '../src/aws/identityCenter';
import { checkReadiness } from '../src/core/readiness/readiness';
import { EMULATOR_ENV, IdentityCenterEmulator } from '../tools/emulator/server';
import { GENERATED_APPLICATION_ARN, loadSeed, withGeneratedDirectory } from '../tools/emulator/seed';
import { record, single, stats, timeAsync } from './lib';

const USERS = 10_000;
const GROUPS = 50;
const LATENCY_MS = 50;
const RATE = 20;
const FEW_USERS_APPLICATION_ARN = 'arn:aws:sso::123456789012:application/ssoins-0123456789abcdef/apl-00000000000f3e00';
const FEW_USERS = ['u-gen-000123', 'u-gen-004567', 'u-gen-009876'];

export async function readiness(): Promise<void> {
  Object.assign(process.env, EMULATOR_ENV);
  const seed = withGeneratedDirectory(loadSeed(), USERS, GROUPS);
  // A second application with three users of the large directory assigned directly.
  const template = seed.applications.find((a) => a.ApplicationArn === GENERATED_APPLICATION_ARN)!;
  seed.applications.push({ ...template, ApplicationArn: FEW_USERS_APPLICATION_ARN, Name: 'Frontline pilot' });
  seed.assignments[FEW_USERS_APPLICATION_ARN] = FEW_USERS.map((id) => ({ PrincipalType: 'USER', PrincipalId: id }));
  const emulator = new IdentityCenterEmulator(seed, {
    latencyMs: LATENCY_MS,
    pageSize: 100,
  });
  const endpoint = await emulator.start();
  try {
    const check = async () => {
      const api = new IdentityCenter({ region: 'us-east-1', endpoint });
      emulator.resetStats();
      const result = await collectReadiness(api, { applicationArn: GENERATED_APPLICATION_ARN });
      api.dispose();
      const report = checkReadiness(result.data);
      if (report.summary.users !== USERS || !report.complete)
        throw new Error(`checked ${report.summary.users} users; not checked: ${JSON.stringify(report.notChecked)}`);
      return result.strategy;
    };
    // The first run in a process also pays for loading and compiling the SDK's code paths; reported on its own.
    const coldStart = performance.now();
    await check();
    const cold = performance.now() - coldStart;
    let strategy: Awaited<ReturnType<typeof check>> | undefined;
    const runs = await timeAsync(
      async () => {
        strategy = await check();
      },
      3,
      0,
    );
    const elapsed = stats(runs).median;
    const by = emulator.stats.byOperation;
    // The paged calls any correct check must make: the assignments, each group's members, the users, the group names.
    const perGroup = Math.ceil(USERS / GROUPS / 100);
    const floorCalls = Math.ceil(GROUPS / 100) + GROUPS * perGroup + Math.ceil(USERS / 100) + Math.ceil(GROUPS / 100);
    const floorMs = (floorCalls / RATE) * 1000;
    console.log(
      `readiness: ${emulator.stats.requests} calls (${Object.entries(by)
        .map(([op, n]) => `${op} ${n}`)
        .join(
          ', ',
        )}); floor ${floorCalls} paged calls = ${(floorMs / 1000).toFixed(2)} s at ${RATE}/s; median ${(elapsed / 1000).toFixed(2)} s, first run ${(cold / 1000).toFixed(2)} s`,
    );
    record('readiness: 10,000 users in 50 groups at 50 ms/call', 'ms', runs);
    single('readiness: the same, first run in the process (cold)', 'ms', cold);
    single('readiness: calls made', 'calls', emulator.stats.requests);
    single('readiness: floor (paged calls at 20 req/s)', 'ms', floorMs);
    single('readiness: ratio to the floor', '×', elapsed / floorMs, { text: '≤ 1.25×', ok: (r) => r <= 1.25 });
    single('readiness: peak requests per second at the service', 'req/s', emulator.stats.peakRequestsPerSecond, {
      text: '≤ 20',
      ok: (v) => v <= 20,
    });
    single('readiness: ListUsers pages (bulk) for 10,000 users', 'pages', strategy?.users.pages ?? NaN);
    single(
      'readiness: calls if every user were described instead',
      'calls',
      USERS + floorCalls - Math.ceil(USERS / 100),
    );

    // A few users in a large directory: describing them beats paging through everyone.
    emulator.switches.latencyMs = 0;
    emulator.resetStats();
    const few = new IdentityCenter({ region: 'us-east-1', endpoint });
    const { strategy: fewStrategy } = await collectReadiness(few, { applicationArn: FEW_USERS_APPLICATION_ARN });
    few.dispose();
    single(
      `readiness: calls for ${FEW_USERS.length} users in a ${USERS.toLocaleString('en-US')}-user directory (listing all: ${Math.ceil(USERS / 100) + 5})`,
      'calls',
      emulator.stats.requests,
    );
    console.log(
      `readiness: ${FEW_USERS.length} users of ${USERS}: ListUsers pages ${fewStrategy.users.pages}, DescribeUser ${fewStrategy.users.described}`,
    );
  } finally {
    await emulator.stop();
  }
}
