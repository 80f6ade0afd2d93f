import { defineRules } from './define';

/** JSON: the file itself (syntax, size, depth, encoding, duplicate keys); checked in ../jsonNodes and ../index. */
export const json = defineRules('JSON', {
  'json-syntax': {
    severity: 'error',
    title: 'A JSON syntax error, at its position (at most 20 per file, then a count).',
    why: 'A file that does not parse cannot be checked, and Frontline values copied from it may be cut off.',
    fix: 'Correct the syntax at the position shown; the first error often causes the ones after it.',
    fixable: false,
    example: '{ "realmSid": "JB…" "workspaceId": "acme" }',
  },
  'json-empty': {
    severity: 'error',
    title: 'The file is empty.',
    why: 'There is nothing to check.',
    fix: 'Run "Frontline SSO: New Config File" for a config with the recommended values.',
    fixable: false,
  },
  'json-too-large': {
    severity: 'error',
    title: 'The file is over 1 MB, the limit for config and mapping files.',
    why: 'A config is a few KB; reading a huge file would cost memory and time for nothing (a safety bound).',
    fix: 'Check that the file is the config you meant; split out anything that is not Frontline SSO configuration.',
    fixable: false,
  },
  'json-too-deep': {
    severity: 'error',
    title: 'Nesting deeper than 20 levels.',
    why: 'A config is 3 levels deep; deeper nesting is a mistake or a hostile file, and is not parsed (a safety bound).',
    fix: 'Remove the extra brackets or braces.',
    fixable: false,
  },
  'json-encoding': {
    severity: 'error',
    title: 'The file contains NUL characters: it is probably saved as UTF-16.',
    why: 'Config files are read as UTF-8; a UTF-16 file reads as garbage.',
    fix: 'In VS Code: click the encoding in the status bar → Save with Encoding → UTF-8.',
    fixable: false,
  },
  'json-duplicate-key': {
    severity: 'error',
    title: 'A key appears twice in one object (the last one is used).',
    why: 'You may be editing the value that is not used.',
    fix: 'Remove one of the two; the related information points at the first.',
    fixable: false,
    example: '{ "realmSid": "JB…old", "realmSid": "JB…new" }',
  },
  'lint-truncated': {
    severity: 'error',
    title: 'More than 100 problems: the rest are counted, not listed (severity: the worst of them).',
    why: 'Thousands of diagnostics slow the editor down and hide the first, most useful ones.',
    fix: 'Fix the problems shown; the remaining ones then appear.',
    fixable: false,
  },
});

/** Findings shown per file; a file with more gets one summary finding for the rest (counted, never hidden). */
export const MAX_FINDINGS = 100;
