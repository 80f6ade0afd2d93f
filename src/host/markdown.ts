import { Finding, Severity } from '../core/findings';

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Findings as a Markdown list, for reports. */
export function findingsMarkdown(findings: readonly Finding[], okText = '✅ No problems found.'): string {
  if (findings.length === 0) return `${okText}\n`;
  return findings.map((f) => `- ${ICON[f.severity]} **${f.severity}** — ${f.message} \`${f.code}\``).join('\n') + '\n';
}

/** A two-column table; values go in code spans so they can be selected and copied exactly. */
export function tableMarkdown(rows: ReadonlyArray<readonly [string, string | undefined | null]>): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return (
    '| | |\n|---|---|\n' +
    rows
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `| ${k} | \`${cell(v as string)}\` |`)
      .join('\n') +
    '\n'
  );
}
