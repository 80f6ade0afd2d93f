// Shrinks the README's screenshots (they ship in the .vsix for the extension's Details page) with pngquant, a lossy
// palette compressor that keeps text sharp: about a third of the size. Run by `npm run screenshots`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'media', 'screenshots');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.png'))
  .map((f) => join(dir, f));
const size = () => files.reduce((n, f) => n + statSync(f).size, 0);
const before = size();
const r = spawnSync(
  'pngquant',
  ['--quality', '70-90', '--speed', '1', '--skip-if-larger', '--force', '--ext', '.png', ...files],
  {
    stdio: 'inherit',
  },
);
if (r.error) {
  console.error('pngquant is not installed (Debian: apt-get install pngquant); the screenshots were left as they are.');
  process.exit(1);
}
// Exit status 98/99: a file that would not get smaller or better is left as it is.
if (r.status !== 0 && r.status !== 98 && r.status !== 99) process.exit(r.status ?? 1);
console.log(`Screenshots: ${Math.round(before / 1024)} KiB → ${Math.round(size() / 1024)} KiB`);
