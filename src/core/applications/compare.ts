import { ConfigExpectations } from '../config/file';
import { Finding, finding } from '../common/findings';
import { checkIdpUrl } from '../values/idpUrl';

/** What the AWS API says of an application (the API has no ACS URL, audience, mappings or certificate). */
export interface ApplicationFacts {
  applicationArn: string;
  name: string;
  status?: string;
  applicationAccount?: string;
  federationProtocol?: string;
  customSaml: boolean;
  assignmentRequired?: boolean;
  assignmentCount: number;
  region?: string;
}

/** Compares an application with a config file: what can be checked from both sides. */
export function compareApplicationWithConfig(app: ApplicationFacts, config: ConfigExpectations): Finding[] {
  const out: Finding[] = [];
  if (config.applicationArn && config.applicationArn !== app.applicationArn) {
    out.push(
      finding('compare-arn', 'warning', `The config file describes ${config.applicationArn}, not this application.`),
    );
  }
  if (app.federationProtocol !== 'SAML')
    out.push(
      finding(
        'compare-protocol',
        'error',
        `This application uses ${app.federationProtocol ?? 'an unknown protocol'}; Frontline needs a SAML 2.0 application.`,
      ),
    );
  else if (!app.customSaml)
    out.push(
      finding(
        'compare-not-custom',
        'warning',
        'This is a catalog SAML application; the Frontline guide uses a custom SAML 2.0 application.',
      ),
    );
  if (app.status && app.status !== 'ENABLED')
    out.push(
      finding(
        'compare-disabled',
        'error',
        `The application is ${app.status}: nobody can sign in to Frontline through it.`,
      ),
    );
  if (app.assignmentRequired !== false && app.assignmentCount === 0)
    out.push(
      finding(
        'compare-no-assignments',
        'error',
        'Nobody is assigned to the application: assign the Frontline users or groups.',
      ),
    );
  const issuer = config.issuer ? checkIdpUrl('issuer', config.issuer).info : undefined;
  if (issuer?.accountId && app.applicationAccount && issuer.accountId !== app.applicationAccount) {
    out.push(
      finding(
        'compare-account',
        'warning',
        `The config's issuer URL belongs to account ${issuer.accountId}, but the application is in account ${app.applicationAccount}; not verified, check that both describe the same setup.`,
      ),
    );
  }
  if (issuer && app.region && issuer.region !== app.region) {
    out.push(
      finding(
        'compare-region',
        'error',
        `The config's issuer URL is in ${issuer.region}, but this application is in ${app.region}.`,
      ),
    );
  }
  if (config.region && app.region && config.region !== app.region) {
    out.push(
      finding(
        'compare-config-region',
        'warning',
        `The config says region ${config.region}, but this application is in ${app.region}.`,
      ),
    );
  }
  out.push(
    finding(
      'compare-api-limits',
      'info',
      'The AWS API does not expose the ACS URL, audience, attribute mappings or certificate of a SAML application: check those with the config file, the metadata file and a captured SAML response.',
    ),
  );
  return out;
}
