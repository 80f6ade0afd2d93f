// Makes the files that follow from src/core: the JSON schemas (from the config format), docs/rules.md, the rule table
// of docs/configuration.md, the settings schema's list of rule codes, and the documentation line of each rule. One
// source, so they cannot drift apart. `node scripts/generate.mjs --check` fails when a committed file is stale (run
// by npm run lint).
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as prettier from 'prettier';

const check = process.argv.includes('--check');

/** Loads a TypeScript module of src/core (bundled in memory; src/core has no vscode import). */
async function load(entry) {
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    // jsonc-parser's UMD build cannot be bundled; its ESM build can (as in scripts/build.mjs).
    mainFields: ['module', 'main'],
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(import.meta.url),
  );
  return module.exports;
}

const { RULES, ruleAnchor } = await load('src/core/lint/rules/index.ts');
const { CONFIG_FORMAT, MAPPING_FORMAT } = await load('src/core/config/format.ts');
const providers = await load('src/core/providers/generated-docs.ts');

// JSON schemas: completion and hover only. Value checks (types, patterns, required fields, unknown properties) are the
// linter's, so that no mistake is reported twice; defaultSnippets tell completion what kind of value to insert.
const SNIPPET = { '': '', object: {}, array: [] };
const property = (help) => ({
  markdownDescription: help.description,
  defaultSnippets: [{ body: SNIPPET[help.snippet] }],
  ...(help.examples ? { examples: help.examples } : {}),
});
const section = (name) =>
  Object.fromEntries(Object.entries(CONFIG_FORMAT[name]).map(([k, help]) => [k, property(help)]));
const mapping = {
  markdownDescription:
    'One attribute mapping of the IAM Identity Center application (Actions → Edit attribute mappings).',
  properties: Object.fromEntries(Object.entries(MAPPING_FORMAT).map(([k, help]) => [k, property(help)])),
  defaultSnippets: [
    { label: 'Subject', body: { attribute: 'Subject', value: '^\\${user:email}', format: 'emailAddress' } },
    { label: 'email', body: { attribute: 'email', value: '^\\${user:email}', format: 'unspecified' } },
    { label: 'roles', body: { attribute: 'roles', value: 'agent', format: 'unspecified' } },
  ],
};
const mappings = {
  markdownDescription: 'Attribute mappings of the IAM Identity Center application.',
  items: { $ref: '#/definitions/mapping' },
};
const top = section('');
// serviceProvider completes the provider ids, and each provider's params (if/then per id), from the definitions.
function serviceProviderSchema() {
  const properties = section('serviceProvider');
  // Completion, not an enum: an unknown id is the linter's error (provider-unknown, with the known ids), not twice.
  properties.id = {
    ...properties.id,
    examples: providers.BUILTIN_PROVIDERS.map((p) => p.id),
    defaultSnippets: providers.BUILTIN_PROVIDERS.map((p) => ({
      label: p.id,
      description: `${p.vendor} ${p.product}${p.status === 'current' ? '' : ` (${p.status})`}`,
      body: p.id,
    })),
  };
  return {
    ...top.serviceProvider,
    properties,
    allOf: providers.BUILTIN_PROVIDERS.filter((p) => p.params.length > 0).map((p) => ({
      // "id is p.id" without `required` (the schema checks nothing, see above): an absent id never matches.
      if: { not: { properties: { id: { not: { const: p.id } } } } },
      then: {
        properties: {
          params: {
            properties: Object.fromEntries(
              p.params.map((param) => [
                param.key,
                {
                  markdownDescription: `${param.label}. ${param.where} Example: \`${param.example}\`${param.default ? ` (default \`${param.default}\`)` : ''}.`,
                  examples: [param.example],
                  defaultSnippets: [{ body: '' }],
                },
              ]),
            ),
          },
        },
      },
    })),
  };
}
// allowComments and allowTrailingCommas are VS Code's JSON extensions: the files are JSONC, and the linter accepts both.
const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  allowComments: true,
  allowTrailingCommas: true,
  $id: 'frontline-sso.schema.json',
  title: 'Frontline SSO configuration (AWS IAM Identity Center)',
  markdownDescription:
    'The values of a Twilio Frontline SAML setup with AWS IAM Identity Center. Checked by the Frontline SSO extension and `frontline-sso lint`.',
  definitions: { mapping },
  properties: {
    ...top,
    serviceProvider: serviceProviderSchema(),
    identityProvider: { ...top.identityProvider, properties: section('identityProvider') },
    attributeMappings: { ...top.attributeMappings, ...mappings },
    application: { ...top.application, properties: section('application') },
  },
};
const mappingSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  allowComments: true,
  allowTrailingCommas: true,
  $id: 'attribute-mappings.schema.json',
  title: 'Frontline attribute mappings',
  definitions: { mapping },
  anyOf: [mappings, { properties: { $schema: property(CONFIG_FORMAT[''].$schema), attributeMappings: mappings } }],
};

// docs/rules.md: one section per rule.
const SEVERITY = { error: 'error', warning: 'warning', info: 'information' };
const groups = [...new Set(RULES.map((r) => r.group))];
const docLines = [
  '# Rules',
  '',
  'Every problem the Frontline SSO linter reports, with the code shown in the Problems panel and by',
];
docLines.push("`frontline-sso lint`. Change a rule's severity, or turn it off, with `frontlineSso.lint.severities`:");
docLines.push('`{ "mapping-roles-unknown": "off", "cert-expiring": "error" }`. This file is generated from');
docLines.push('the rule families in `src/core/lint/rules/` by `npm run generate`.', '');
for (const group of groups) docLines.push(`- [${group}](#${group.toLowerCase().replace(/[^a-z0-9]+/g, '-')})`);
const ruleLine = {};
for (const group of groups) {
  docLines.push('', `## ${group}`);
  for (const rule of RULES.filter((r) => r.group === group)) {
    docLines.push('');
    ruleLine[rule.code] = docLines.length + 1;
    docLines.push(`### ${rule.code}`, '');
    docLines.push(`Default severity: **${SEVERITY[rule.severity]}**${rule.fixable ? ' · quick fix 💡' : ''}`, '');
    docLines.push(`**What**: ${rule.title}`, '');
    docLines.push(`**Why**: ${rule.why}`, '');
    if (rule.example) docLines.push('**Example**:', '', '```jsonc', rule.example, '```', '');
    docLines.push(`**Fix**: ${rule.fix}`);
  }
}
const rulesMd = docLines.join('\n') + '\n';

// The rule table of the configuration reference, between its markers. It sits beside rules.md, hence the bare link.
const table = [
  '| Code | Default severity | What it catches | Quick fix |',
  '|---|---|---|---|',
  ...RULES.map(
    (r) =>
      `| [\`${r.code}\`](rules.md#${ruleAnchor(r.code)}) | ${r.severity} | ${r.title.replace(/\|/g, '\\|')} | ${r.fixable ? '💡' : ''} |`,
  ),
].join('\n');
const RULE_TABLE = /(<!-- rules:start -->)[\s\S]*?(<!-- rules:end -->)/;
const configurationSource = readFileSync('docs/configuration.md', 'utf8');
if (!RULE_TABLE.test(configurationSource)) {
  // Without the markers the table would silently stop being written.
  console.error(
    'docs/configuration.md has lost its <!-- rules:start --> and <!-- rules:end --> markers: put them back.',
  );
  process.exit(1);
}
const configurationMd = configurationSource.replace(RULE_TABLE, (_, start, end) => `${start}\n${table}\n${end}`);

// The settings schema: frontlineSso.lint.severities completes the codes and flags unknown ones.
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const severities = pkg.contributes.configuration.properties['frontlineSso.lint.severities'];
delete severities.properties;
severities.propertyNames = { enum: RULES.map((r) => r.code) };
severities.additionalProperties = { type: 'string', enum: ['error', 'warning', 'info', 'off'] };

const lines = `// Generated by scripts/generate.mjs from src/core/lint/rules: the line of each rule's section in docs/rules.md, for the\n// links in the Problems panel. Do not edit.\nexport const RULE_DOC_LINES: Readonly<Record<string, number>> = ${JSON.stringify(ruleLine, null, 2)};\n`;

const outputs = {
  'schemas/frontline-sso.schema.json': JSON.stringify(configSchema, null, 2) + '\n',
  'schemas/attribute-mappings.schema.json': JSON.stringify(mappingSchema, null, 2) + '\n',
  'docs/rules.md': rulesMd,
  'docs/configuration.md': configurationMd,
  'package.json': JSON.stringify(pkg, null, 2) + '\n',
  'src/core/lint/rules/docLines.generated.ts': lines,
  // Service providers: a page per built-in provider, their table, and the schema of a user's provider file.
  'schemas/sso-provider.schema.json': JSON.stringify(providers.providerSchema(), null, 2) + '\n',
  'docs/providers/README.md': providers.providersIndex(providers.BUILTIN_PROVIDERS),
  ...Object.fromEntries(
    providers.BUILTIN_PROVIDERS.map((p) => [`docs/providers/${p.id}.md`, providers.providerPage(p)]),
  ),
};
const stale = [];
mkdirSync('docs/providers', { recursive: true });
for (const [file, raw] of Object.entries(outputs)) {
  // Formatted as the rest of the tree is, so that Prettier's check and this one agree.
  const options = await prettier.resolveConfig(file);
  const text = (await prettier.getFileInfo(file, { ignorePath: '.prettierignore' })).ignored
    ? raw
    : await prettier.format(raw, { ...options, filepath: file });
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // A new file.
  }
  if (current === text) continue;
  if (check) stale.push(file);
  else writeFileSync(file, text);
}
// A page of a provider that no longer exists is stale too.
for (const file of readdirSync('docs/providers')) {
  const path = `docs/providers/${file}`;
  if (outputs[path] !== undefined) continue;
  if (check) stale.push(path);
  else rmSync(path);
}
if (check && stale.length > 0) {
  console.error(`Generated files are stale: ${stale.join(', ')}. Run npm run generate and commit the result.`);
  process.exit(1);
}
if (!check) console.log(`Generated ${Object.keys(outputs).length} files from src/core.`);
