import { isLoopbackHost } from '../aws/connection';

/** Checks and suggestions for what the user types when adding a session. No vscode import (unit-tested). */

/** Why `value` is not a start URL, or undefined. http is allowed for the local emulator only. */
export function startUrlProblem(value: string): string | undefined {
  const text = value.trim();
  if (!text) return 'Paste the AWS access portal URL, for example https://my-company.awsapps.com/start';
  if (text.length > 2048) return 'That is far longer than a start URL.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'That is not a URL. It looks like https://my-company.awsapps.com/start (IAM Identity Center → Settings).';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    return 'The start URL must use https://.';
  if (/\s/.test(text)) return 'The start URL contains spaces.';
  return undefined;
}

/** A short session name from the start URL: `my-company` for https://my-company.awsapps.com/start. */
export function suggestedSessionName(startUrl: string, taken: readonly string[]): string {
  let base = 'sso';
  try {
    const host = new URL(startUrl).hostname;
    base = /^\d/.test(host) || host === 'localhost' ? 'sso' : (host.split('.')[0] ?? 'sso');
  } catch {
    base = 'sso';
  }
  base = base.replace(/[^\w\-@+.%:/]/g, '-') || 'sso';
  let name = base;
  for (let i = 2; taken.includes(name); i++) name = `${base}-${i}`;
  return name;
}
