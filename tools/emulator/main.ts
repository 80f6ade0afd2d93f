import { IdentityCenterEmulator } from './server';
import { GENERATED_APPLICATION_ARN, loadSeed, withGeneratedApplications, withGeneratedDirectory } from './seed';

// `npm run emulator [-- --port 4599 --latency 50 --apps 2000 --users 10000 --groups 50]`: runs until Ctrl+C.
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

async function main(): Promise<void> {
  const apps = arg('apps', 0);
  const users = arg('users', 0);
  let seed = apps > 0 ? withGeneratedApplications(loadSeed(), apps) : loadSeed();
  if (users > 0) seed = withGeneratedDirectory(seed, users, arg('groups', 50));
  const emulator = new IdentityCenterEmulator(seed, { latencyMs: arg('latency', 0) });
  const url = await emulator.start(arg('port', 4599));
  process.stdout.write(`IAM Identity Center emulator on ${url} (region ${seed.region})
Point the extension at it: "frontlineSso.aws.endpoint": "${url}", "frontlineSso.aws.region": "${seed.region}"
Any credentials work; the CLI: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x node dist/cli.js apps --region ${seed.region} --endpoint ${url}
Switches: curl -XPOST ${url}/__emulator/config -d '{"latencyMs":50,"throttleNext":3,"expiredToken":false,"accessDenied":["ListApplications"]}'
A large directory: curl -XPOST ${url}/__emulator/directory -d '{"users":10000,"groups":50}'${users > 0 ? `\nGenerated: ${users} users in ${arg('groups', 50)} groups, assigned to ${GENERATED_APPLICATION_ARN}` : ''}
Sign-in (start URL ${url}/start): confirm a device code on its page, or curl -XPOST ${url}/__emulator/oidc/approve -d '{"userCode":"ABCD-EFGH"}'
  (switches oidcAutoApprove, oidcSlowDownOnce, oidcInterval, oidcDeviceCodeSeconds, oidcTokenSeconds)
`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
