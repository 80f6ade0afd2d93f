import { writeFileAtomic } from '../../io/atomicWrite';
import { readFileBounded } from '../../io/files';
import { ConfigEditResult, SectionEdit, editAwsConfig } from './configEdit';
import { configFilePath } from './sessions';

/** An `[sso-session]` and a `[profile]` that uses it, as `aws configure sso` writes them (docs/domain.md §5). */
export interface ProfilePlan {
  session: { name: string; startUrl: string; region: string; scopes: string[] };
  profile: { name: string; accountId: string; roleName: string; region?: string };
}

/** ~/.aws/config is a few KB; a file this large is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export function profileEdits(plan: ProfilePlan): SectionEdit[] {
  return [
    {
      kind: 'sso-session',
      name: plan.session.name,
      values: [
        ['sso_start_url', plan.session.startUrl],
        ['sso_region', plan.session.region],
        ['sso_registration_scopes', plan.session.scopes.join(',')],
      ],
    },
    {
      kind: 'profile',
      name: plan.profile.name,
      values: [
        ['sso_session', plan.session.name],
        ['sso_account_id', plan.profile.accountId],
        ['sso_role_name', plan.profile.roleName],
        ...(plan.profile.region ? [['region', plan.profile.region] as const] : []),
      ],
    },
  ];
}

async function readConfig(path: string): Promise<string> {
  const read = await readFileBounded(path, { maxBytes: MAX_CONFIG_BYTES });
  if (read.ok) return read.bytes.toString('utf8');
  if (read.problem === 'missing') return '';
  throw new Error(`${path} cannot be read: ${read.message}.`);
}

/** What writing the plan would change, without writing (the lines shown before the user agrees). */
export async function previewProfile(plan: ProfilePlan): Promise<ConfigEditResult & { configFile: string }> {
  const configFile = configFilePath();
  return { ...editAwsConfig(await readConfig(configFile), profileEdits(plan)), configFile };
}

/**
 * Writes the plan into AWS_CONFIG_FILE or ~/.aws/config: only the lines of those two sections change or are added,
 * the file is replaced atomically, keeps its permissions (a new one gets 0600), and a link to it stays a link. The
 * file is read again at write time, so an edit made meanwhile in an editor is kept.
 */
export async function writeProfile(plan: ProfilePlan): Promise<ConfigEditResult & { configFile: string }> {
  const configFile = configFilePath();
  const result = editAwsConfig(await readConfig(configFile), profileEdits(plan));
  if (result.changed) await writeFileAtomic(configFile, result.text, { mode: 0o600, keepMode: true, dirMode: 0o700 });
  return { ...result, configFile };
}
