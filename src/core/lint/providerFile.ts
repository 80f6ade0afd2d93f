/**
 * Lint of a user's provider file (`*.sso-provider.json`): the checks of validateProviderFile (the same that
 * `--provider-file` runs), with positions, plus what only the set of provider files tells: an id two files declare.
 */
import { Finding } from '../common/findings';
import { UserProviderFile, readUserProviderFile, sameIdFiles } from '../providers/user';
import { providerFile } from './rules/providerFile';

/** Whether a file name is a provider file's: `*.sso-provider.json` (as the schema's fileMatch). */
export function isProviderFileName(fileName: string): boolean {
  return /\.sso-provider\.json$/i.test(fileName.replace(/^.*[\\/]/, '.'));
}

/**
 * A provider file's findings. `name` is how the file is named to the user (as in `providers`); `providers` are the
 * other provider files known beside it (for the duplicate-id check), in any order, the file itself included or not.
 */
export function lintProviderFileText(
  text: string,
  name: string,
  providers: readonly UserProviderFile[] = [],
): Finding[] {
  const file = readUserProviderFile(name, text);
  const findings = [...file.result.findings];
  const others = sameIdFiles(file, providers);
  if (file.result.id && others.length > 0)
    findings.push(
      providerFile.report(
        'provider-file-id-duplicate',
        `id: "${file.result.id.value}" is also the id of ${others.join(', ')}; give each provider its own id, or delete the copy.`,
        { span: file.result.id.span },
      ),
    );
  return findings;
}
