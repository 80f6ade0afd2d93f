import { ACS } from './helpers';

/** A HAR file as DevTools saves it, with `entries` as given. */
export function harFile(entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }, null, 2);
}

export function harPost(time: string, body: { text?: string; params?: Array<{ name: string; value: string }> }) {
  return {
    startedDateTime: time,
    request: {
      method: 'POST',
      url: ACS,
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      queryString: [],
      postData: { mimeType: 'application/x-www-form-urlencoded', ...body },
    },
    response: { status: 302, content: { size: 0, text: '' } },
  };
}
