import { defineRules } from './define';

/** Config: the shape of a config file, and the Frontline Workspace ID; checked in ../index. */
export const config = defineRules('Config', {
  'config-not-object': {
    severity: 'error',
    title: 'The config is not a JSON object.',
    why: 'A config file holds one object with realmSid, identityProvider and attributeMappings.',
    fix: 'Wrap the content in { … }, or run "Frontline SSO: New Config File".',
    fixable: false,
    example: '[ "JB0123…" ]',
  },
  'config-type': {
    severity: 'error',
    title: 'A property has the wrong type (a string, object or array where another is expected).',
    why: 'The value cannot be used as written; Frontline would get nothing or the wrong thing.',
    fix: 'Use the type the message names (see the config format in the README).',
    fixable: false,
    example: '{ "serviceProvider": "https://iam.twilio.com/…" }',
  },
  'config-unknown-property': {
    severity: 'warning',
    title: 'A property the config format does not have, often a misspelling.',
    why: 'A misspelt property is ignored, so the value you meant to set is missing.',
    fix: 'Rename it to the suggested property, or remove it.',
    fixable: true,
    example: '{ "identityProvider": { "isuer": "https://portal.sso…" } }',
  },
  'workspace-id-missing': {
    severity: 'warning',
    title: 'No "workspaceId".',
    why: 'Users type the Workspace ID in the Frontline app to reach this sign-in; it is set on the Frontline Console.',
    fix: 'Add "workspaceId" with the value set on the Frontline Console SSO page.',
    fixable: false,
  },
  'workspace-id-empty': {
    severity: 'error',
    title: 'The Workspace ID is empty.',
    why: 'Users cannot reach the sign-in without it.',
    fix: 'Set the Workspace ID chosen on the Frontline Console SSO page.',
    fixable: false,
  },
});
