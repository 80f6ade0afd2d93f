import { Finding, Severity } from '../core/common/findings';

// Markdown built from untrusted text (a certificate subject or a file name from a repository, a name from AWS, a
// pasted value) goes into hovers, tooltips and the Markdown preview, which load https images and follow links: every
// such string passes through escapeMarkdown, codeSpan or codeBlock, so that it reads as text and never as an image,
// a link, HTML or a heading.

/**
 * Text that Markdown shows as it is. Backslash escapes (CommonMark allows one before any ASCII punctuation) for what
 * can make a link, an image, HTML, an entity, emphasis, code, a table cell or a theme icon (`$(…)`); the colon of
 * `://`, the dot of `www.` and `@` so that no bare address becomes a link; line breaks become spaces, so the text
 * cannot start a heading, a list or a block of its own. Commas, dots, equals signs and hyphens stay as they are,
 * so the source of a report still reads well.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>&|~$#@!]|:(?=\/\/)|(?<=\bwww)\./gi, '\\$&');
}

/** The longest run of backticks in a text. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * Text as inline code, exactly as given (code spans are literal: no link or image can form inside). The fence is
 * longer than any backtick run in the text, so the text cannot close it; line breaks become spaces.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(flat) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text as a fenced code block whose fence the text cannot close (at least three backticks, longer than any run). */
export function codeBlock(text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}\n`;
}

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Findings as a Markdown list, for reports. Messages quote untrusted text, so they are escaped. */
export function findingsMarkdown(findings: readonly Finding[], okText = '✅ No problems found.'): string {
  if (findings.length === 0) return `${okText}\n`;
  return (
    findings
      .map((f) => `- ${ICON[f.severity]} **${f.severity}** — ${escapeMarkdown(f.message)} ${codeSpan(f.code)}`)
      .join('\n') + '\n'
  );
}

/**
 * A two-column table; values go in code spans so they can be selected and copied exactly. Keys are Markdown written
 * by the caller (escape any untrusted part of one).
 */
export function tableMarkdown(rows: ReadonlyArray<readonly [string, string | undefined | null]>): string {
  // A pipe ends a table cell even inside a code span unless escaped (GFM tables remove the backslash).
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return (
    '| | |\n|---|---|\n' +
    rows
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `| ${cell(k)} | ${cell(codeSpan(v as string))} |`)
      .join('\n') +
    '\n'
  );
}
