/** How an Identity Center application looks from the Frontline setup's side. */
export interface ApplicationTraits {
  federationProtocol?: string;
  /** A custom SAML 2.0 application (the kind the Frontline guide creates). */
  customSaml: boolean;
  /** Named or described like a Frontline application, or the one a config file points at. */
  likelyFrontline: boolean;
}

export function applicationTraits(
  app: { name: string; description?: string; applicationArn: string; applicationProviderArn?: string },
  provider: { federationProtocol?: string; displayName?: string } | undefined,
  configuredArns: ReadonlySet<string> = new Set(),
): ApplicationTraits {
  const federationProtocol = provider?.federationProtocol;
  // The custom SAML provider is recognised by what ListApplicationProviders says of it, not by a fixed ARN.
  const customSaml =
    federationProtocol === 'SAML' &&
    (/custom/i.test(provider?.displayName ?? '') || /\/custom$/.test(app.applicationProviderArn ?? ''));
  const likelyFrontline =
    configuredArns.has(app.applicationArn) || /frontline|twilio/i.test(`${app.name} ${app.description ?? ''}`);
  return { federationProtocol, customSaml, likelyFrontline };
}

/** The AWS console page of an application. */
export function consoleUrl(region: string | undefined, applicationArn: string): string {
  const r = region || 'us-east-1';
  const host = r.startsWith('cn-')
    ? `console.amazonaws.cn`
    : r.startsWith('us-gov-')
      ? 'console.amazonaws-us-gov.com'
      : 'console.aws.amazon.com';
  const id = applicationArn.split('/').pop() ?? '';
  return `https://${r}.${host}/singlesignon/applications/home?region=${r}#/instances/${applicationArn.split('/')[1]?.replace(/^ssoins-/, '') ?? ''}/applications/${id}`;
}

/** An IAM Identity Center application ARN (the shape the console shows; also checked by the `application-arn` rule). */
export const APPLICATION_ARN = /^arn:aws(-cn|-us-gov)?:sso::\d{12}:application\/ssoins-[0-9a-f]{16}\/apl-[0-9a-f]{16}$/;
