#!/usr/bin/env node
// Every relative link in the packaged README, docs/*.md pages and other Markdown pages must lead to a file in the .vsix
// (and a `#anchor` to a heading of that page): .vscodeignore ships only what it names, so a page the README links can
// be left out without anything else noticing (docs/domain.md was). Run by `npm run package` on the .vsix it made and
// by the smoke test (scripts/vscode-host/smoke-vsix.mjs).
//   node scripts/vsix-links.mjs [frontline-sso.vsix]
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

/** The files of a .vsix (a zip): name → a function that returns the bytes (only the pages checked are inflated). */
export function readZip(bytes) {
  // The end-of-central-directory record is in the last 64 KB + 22 bytes (its comment is at most 64 KB).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file (no end of central directory)');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map();
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`broken central directory at byte ${at}`);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + skip;
    files.set(name, () => {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${name}: compression method ${method} is not supported`);
    });
  }
  return files;
}

/** GitHub's and VS Code's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*~]/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** The headings' anchors of a Markdown page (repeated headings get -1, -2 …), outside code blocks. */
function anchorsOf(markdown) {
  const seen = new Map();
  const anchors = new Set();
  for (const line of proseLines(markdown)) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const times = seen.get(base) ?? 0;
    seen.set(base, times + 1);
    anchors.add(times ? `${base}-${times}` : base);
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

/** The lines of a page with fenced code blocks and inline code spans blanked. */
function proseLines(markdown) {
  const lines = [];
  let fence;
  for (const line of markdown.split(/\r?\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    // Lines of code blocks stay as blank lines, so that line numbers are the page's.
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
      lines.push('');
      continue;
    }
    if (m) {
      fence = m[1];
      lines.push('');
      continue;
    }
    lines.push(line.replace(/(`+)(?:(?!\1).)+?\1/g, (span) => ' '.repeat(span.length)));
  }
  return lines;
}

/** Every link target of a page with its line: inline links and images, reference definitions, HTML src and href. */
function linksOf(markdown) {
  const links = [];
  proseLines(markdown).forEach((line, index) => {
    const add = (target) => links.push({ target, line: index + 1 });
    for (const m of line.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) add(m[1]);
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/.exec(line);
    if (definition) add(definition[1]);
    for (const m of line.matchAll(/<(?:img|a|source)\b[^>]*?\s(?:src|href)="([^"]+)"/gi)) add(m[1]);
  });
  return links;
}

/**
 * The dead relative links of the packaged README (extension/readme.md, as vsce names it) and docs pages: each as
 * "page:line: target (why)". `files` maps the .vsix's entry names to a function returning the bytes.
 */
export function deadLinks(files) {
  const byLowerName = new Map([...files.keys()].map((name) => [name.toLowerCase(), name]));
  // vsce stores README.md and CHANGELOG.md as readme.md and changelog.md: a link keeps the name as written.
  const find = (name) => (files.has(name) ? name : byLowerName.get(name.toLowerCase()));
  const text = (name) => files.get(name)().toString('utf8');
  // The README, the docs pages, and every other page shipped (the walkthrough's, the changelog).
  const pages = [...files.keys()].filter((name) => /^extension\/.+\.md$/i.test(name));
  if (!pages.includes('extension/readme.md')) return ['extension/readme.md: the package has no README'];
  const anchors = new Map();
  const anchorsIn = (name) => {
    if (!anchors.has(name)) anchors.set(name, anchorsOf(text(name)));
    return anchors.get(name);
  };
  const dead = [];
  for (const page of pages) {
    for (const { target, line } of linksOf(text(page))) {
      // Absolute addresses (https:, mailto:, vscode:, command:) are not files of the package.
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const [rawPath, anchor] = target.split('#', 2);
      let path;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        path = rawPath;
      }
      const resolved = path ? posix.normalize(posix.join(posix.dirname(page), path)) : page;
      const where = `${page.replace(/^extension\//, '')}:${line}: ${target}`;
      if (!resolved.startsWith('extension/')) {
        dead.push(`${where} (leads outside the package)`);
        continue;
      }
      const found = find(resolved) ?? (files.has(`${resolved}/`) ? `${resolved}/` : undefined);
      if (!found) {
        dead.push(`${where} (${resolved.replace(/^extension\//, '')} is not in the .vsix)`);
        continue;
      }
      if (anchor && /\.md$/i.test(found) && !anchorsIn(found).has(decodeURIComponent(anchor).toLowerCase())) {
        dead.push(`${where} (no heading #${anchor} in ${found.replace(/^extension\//, '')})`);
      }
    }
  }
  return dead;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const vsix = process.argv[2] ?? 'frontline-sso.vsix';
  let dead;
  try {
    dead = deadLinks(readZip(readFileSync(vsix)));
  } catch (err) {
    console.error(`${vsix}: ${err.message}`);
    process.exit(2);
  }
  if (dead.length) {
    console.error(
      `${vsix}: ${dead.length} link(s) in the packaged README and docs lead nowhere in the package. Ship the file` +
        ` (.vscodeignore) or link an https address:\n  ${dead.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`${vsix}: every relative link in the packaged README and docs resolves`);
}
