// The README that goes into the .vsix (vsce --readme-path). VS Code's Details page shows only http(s) images: it strips
// relative and data: sources (see vscode-vsce issue #390), so screenshots packed into a local .vsix would show as
// broken images. With FRONTLINE_SSO_IMAGES_URL (an https address where media/screenshots is published, such as the
// repository's raw files once it exists) the images point there; without it each becomes a short caption, so the page
// shows no broken image. The repository's README.md keeps its relative links for GitHub and editors.
//   node scripts/package-readme.mjs [output, dist/README.md by default]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const base = process.env.FRONTLINE_SSO_IMAGES_URL?.replace(/\/+$/, '');
if (base && !/^https:\/\//.test(base)) {
  console.error(`FRONTLINE_SSO_IMAGES_URL must be an https address (the Details page shows no other images): ${base}`);
  process.exit(2);
}
const readme = readFileSync('README.md', 'utf8').replace(
  /!\[([^\]]*)\]\((media\/screenshots\/[^)\s]+)\)/g,
  (_, alt, path) => (base ? `![${alt}](${base}/${path})` : `*Screenshot: ${alt}.*`),
);
const output = process.argv[2] ?? 'dist/README.md';
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, readme);
console.log(
  base
    ? `README for the package: images from ${base}`
    : 'README for the package: screenshots as captions (set FRONTLINE_SSO_IMAGES_URL to show them)',
);
