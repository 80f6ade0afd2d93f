/**
 * Bounds on every call to AWS, and the checks on the settings that choose where calls go. No AWS SDK import: the
 * extension checks its settings with these before it loads the SDK, and the CLI checks its flags.
 */

/** The longest one AWS operation may take, retries and credential resolution included (docs/configuration.md, "Settings"). */
export const DEFAULT_TIMEOUT_SECONDS = 20;
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 300;
/** A TCP (and TLS) connection must be established within this, or within the timeout if that is shorter. */
export const CONNECT_TIMEOUT_MS = 5000;
/** A listing stops with a message after this many pages (2,000 pages of 100 are twice Identity Center's user quota). */
export const MAX_PAGES = 2000;
/** Largest response body read (a page of 100 users is about 100 KB). */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** A short, printable excerpt of something a user typed, for messages. */
export function excerpt(value: string, max = 60): string {
  // Control characters would garble a terminal or a notification; show them escaped.
  const printable = JSON.stringify(value.length > max ? value.slice(0, max) : value).slice(1, -1);
  return `"${printable}${value.length > max ? '…' : ''}"`;
}

/**
 * Checks an endpoint override. `name` is how the user set it (`--endpoint`, `frontlineSso.aws.endpoint`), so the
 * message says what to change. Returns the problem, or undefined when the value can be used (empty means AWS's own).
 */
export function endpointProblem(value: string | undefined, name: string): string | undefined {
  const text = value?.trim() ?? '';
  if (!text) return undefined;
  const fix = `Set ${name} to an https:// URL (for example https://sso.us-east-1.amazonaws.com, or http://127.0.0.1:4599 for the local emulator), or leave it empty to use AWS's own endpoint.`;
  if (text.length > 2048)
    return `The endpoint in ${name} is ${text.length} characters long, too long for a URL. ${fix}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `The endpoint ${excerpt(text)} in ${name} is not a URL. ${fix}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The endpoint ${excerpt(text)} in ${name} uses ${url.protocol.replace(/:$/, '')}:, but AWS requests go over http or https only. ${fix}`;
  }
  if (!url.hostname) return `The endpoint ${excerpt(text)} in ${name} names no host. ${fix}`;
  if (url.username || url.password) {
    return `The endpoint in ${name} contains a user name or password; AWS requests are signed with your AWS credentials instead. ${fix}`;
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `The endpoint ${excerpt(text)} in ${name} uses plain http:// to ${excerpt(url.hostname, 60)}, which is not this machine: sign-in tokens and signed requests would cross the network unencrypted. http:// is accepted only for 127.0.0.1, ::1 and localhost. ${fix}`;
  }
  return undefined;
}

/** Whether a URL's host name is this machine: localhost, 127.0.0.0/8 or ::1 (as URL.hostname writes them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // URL has already normalised IPv4 (127.1, 0x7f.0.0.1 → 127.0.0.1), so four decimal parts are all there is to check.
  const parts = host.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** Checks a timeout in seconds (a setting's number or a flag's text). Returns the problem, or undefined. */
export function timeoutProblem(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  if (!Number.isFinite(seconds) || seconds < MIN_TIMEOUT_SECONDS || seconds > MAX_TIMEOUT_SECONDS) {
    const shown = typeof value === 'string' ? excerpt(value, 20) : String(value);
    return `The timeout ${shown} in ${name} is not a number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}; the default is ${DEFAULT_TIMEOUT_SECONDS}.`;
  }
  return undefined;
}

/** The timeout in milliseconds for a checked value (undefined → the default). */
export function timeoutMs(value: unknown): number {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Math.round((Number.isFinite(seconds) ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000);
}

/** Checks a Region name (us-east-1, us-gov-west-1, cn-north-1, …); the SDK builds host names from it. */
export function regionProblem(value: string | undefined, name: string): string | undefined {
  const text = value?.trim() ?? '';
  if (!text) return undefined;
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(text) && text.length <= 40
    ? undefined
    : `The Region ${excerpt(text, 40)} in ${name} is not an AWS Region name; a Region looks like us-east-1.`;
}
