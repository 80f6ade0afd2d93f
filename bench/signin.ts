// Signing in: the ~/.aws/config editor on a large file, the sidebar's sign-in check (no network), and what a browser
// sign-in costs beyond the browser itself, against the local emulator.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editAwsConfig } from '../src/aws/sso/configEdit';
import { profileEdits } from '../src/aws/sso/configWrite';
import { readSsoConfig, targetOfProfile } from '../src/aws/sso/sessions';
import { sessionStatus, signIn } from '../src/aws/sso/signIn';
import { IdentityCenterEmulator } from '../tools/emulator/server';
import { loadSeed } from '../tools/emulator/seed';
import { record, time, timeAsync } from './lib';

export async function signInSection(): Promise<void> {
  // A config of 2,000 profiles with comments (about 300 KB): the sections written are in the middle and at the end.
  const big = Array.from(
    { length: 2000 },
    (_, i) =>
      `# profile ${i}\n[profile p${i}]\nsso_session = corp\nsso_account_id = ${String(i).padStart(12, '0')}\nsso_role_name = ReadOnly\nregion = us-east-1 ; home\n`,
  ).join('\n');
  const edits = profileEdits({
    session: {
      name: 'corp',
      startUrl: 'https://corp.awsapps.com/start',
      region: 'us-east-1',
      scopes: ['sso:account:access'],
    },
    profile: { name: 'p1000', accountId: '123456789012', roleName: 'AdministratorAccess', region: 'eu-west-1' },
  });
  record(
    'signin: edit a 2,000-profile ~/.aws/config',
    'ms',
    time(() => editAwsConfig(big, edits), 15, 3),
    {
      text: '< 50 ms',
      ok: (m) => m < 50,
    },
  );

  const saved = {
    HOME: process.env.HOME,
    USERPROFILE: process.env.USERPROFILE,
    AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE,
  };
  const home = mkdtempSync(join(tmpdir(), 'frontline-sso-bench-home-'));
  const emulator = new IdentityCenterEmulator(loadSeed(), { oidcAutoApprove: true });
  try {
    const endpoint = await emulator.start();
    mkdirSync(join(home, '.aws'));
    Object.assign(process.env, { HOME: home, USERPROFILE: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') });
    writeFileSync(
      join(home, '.aws', 'config'),
      `${big}\n[sso-session corp]\nsso_start_url = ${endpoint}/start\nsso_region = us-east-1\n\n[profile admin]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = AdministratorAccess\n`,
    );
    const found = targetOfProfile(await readSsoConfig(), 'admin');
    if (!('target' in found)) throw new Error(found.problem);
    const browser = () =>
      signIn(
        found.target,
        { endpoint },
        {
          flow: 'browser',
          // The browser: follows the authorize page's redirect back to the loopback listener.
          openBrowser: async (url: string) => {
            const authorize = await fetch(url, { redirect: 'manual' });
            await (await fetch(authorize.headers.get('location') ?? '')).text();
          },
        },
      );
    record('signin: browser sign-in beyond the browser (local emulator)', 'ms', await timeAsync(browser, 15, 2), {
      text: '< 200 ms',
      ok: (m) => m < 200,
    });
    const status = async () => {
      const config = await readSsoConfig();
      const target = targetOfProfile(config, 'admin');
      if (!('target' in target)) throw new Error(target.problem);
      const s = await sessionStatus(target.target, { endpoint }, { refresh: false });
      if (s.state !== 'signed-in') throw new Error(s.message);
    };
    record('signin: sidebar sign-in check, 2,000-profile config (no network)', 'ms', await timeAsync(status, 30, 3));
    // A usual config: a few sessions and profiles.
    writeFileSync(
      join(home, '.aws', 'config'),
      `${big.split('\n\n').slice(0, 20).join('\n\n')}\n[sso-session corp]\nsso_start_url = ${endpoint}/start\nsso_region = us-east-1\n\n[profile admin]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = AdministratorAccess\n`,
    );
    record('signin: sidebar sign-in check, 20-profile config (no network)', 'ms', await timeAsync(status, 30, 3), {
      text: '< 5 ms',
      ok: (m) => m < 5,
    });
  } finally {
    await emulator.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(home, { recursive: true, force: true });
  }
}
