import { RECOMMENDED_MAPPINGS } from './mappings';
import { frontlineValues } from '../values/realm';

/** A new config file with the guide's recommended values; placeholders are left where only the user knows. */
export function newConfigText(realmSid?: string): string {
  const values = realmSid ? frontlineValues(realmSid) : undefined;
  const mappings = RECOMMENDED_MAPPINGS.map(
    (m) =>
      `    { "attribute": ${JSON.stringify(m.attribute)}, "value": ${JSON.stringify(m.value)}, "format": ${JSON.stringify(m.format)} }`,
  ).join(',\n');
  return `{
  // Frontline SSO with AWS IAM Identity Center. Problems show as you type; hover a property for help.
  "realmSid": ${JSON.stringify(realmSid ?? '')},
  "workspaceId": "",
${
  values
    ? `  "serviceProvider": {
    "acsUrl": ${JSON.stringify(values.acsUrl)},
    "audience": ${JSON.stringify(values.audience)}
  },
`
    : ''
}  "identityProvider": {
    // From the IAM Identity Center application: "IAM Identity Center metadata" section.
    "issuer": "",
    "ssoUrl": "",
    "certificateFile": "./aws-idc.pem"
  },
  "attributeMappings": [
${mappings}
  ]
}
`;
}
