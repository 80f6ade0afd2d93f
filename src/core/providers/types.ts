/**
 * A service provider definition: the plain data that says what one SAML service provider (Frontline, Flex, GitHub …)
 * expects from IAM Identity Center. Built-in definitions are TypeScript objects (src/core/providers/builtin/), a
 * user's own are `*.sso-provider.json` files of the same shape (checked by validateProviderFile). Called "provider",
 * never "profile": `--profile` already means an AWS CLI profile.
 */

export type ProviderStatus = 'current' | 'legacy' | 'deprecated';

/** NameID formats as IAM Identity Center names them in the Subject mapping's format list. */
export type NameIdFormat = 'unspecified' | 'emailAddress' | 'persistent' | 'transient';

export interface ProviderParam {
  /** The key in `serviceProvider.params` and in `--param KEY=VALUE`. */
  key: string;
  label: string;
  /** A pattern of src/core/providers/pattern.ts (anchored, no groups), checked before any value is made from it. */
  pattern: string;
  example: string;
  /** Where the admin finds the value in the provider's console. */
  where: string;
  /** Used when the param is not given (e.g. Flex's region `us1`). A param with a default is optional. */
  default?: string;
}

export interface ProviderAttribute {
  /** The attribute name, exactly as the provider reads it (names are case-sensitive). */
  name: string;
  required: boolean;
  /** The only values the provider accepts, when it documents them. */
  allowedValues?: string[];
  /** Whether the attribute may carry several values. */
  multiple?: boolean;
  /** The value to type into IAM Identity Center's mapping: a `${user:…}` variable or a literal. */
  suggestedValue?: string;
  /** The format column of the Identity Center mapping. */
  format: string;
}

export interface ProviderSigning {
  /** Whether the provider needs the Response signed. */
  response?: boolean;
  /** Whether the provider needs the Assertion signed. */
  assertion?: boolean;
  algorithm?: 'SHA-256' | 'SHA-1';
  /** Whether the provider refuses encrypted assertions. */
  encryptedAssertionRefused?: boolean;
  /** The provider's own error text for an unsigned response, quoted in the SAML check's finding. */
  unsignedResponseError?: string;
}

export interface ProviderStatusDetails {
  /** The provider id to move to, when there is one. */
  replacement?: string;
  /** The date (ISO-8601, YYYY-MM-DD or YYYY-MM) the vendor gives for the end. */
  date?: string;
  /** What the user should do, in one or two sentences. */
  message: string;
  /** The vendor's migration guide. */
  guide?: string;
}

/** An older URL form of the same provider: recognised, and reported with its message. */
export interface ProviderOldForm {
  template: string;
  message: string;
}

/**
 * What every signing-in user needs for one claim, beyond "not empty" (the readiness check): the claim's Identity Center
 * value comes from the config's mapping, else the attribute's `suggestedValue` (`nameId.source` for `Subject`).
 * Sourced as fact `userNeeds.<claim>`.
 */
export interface ProviderUserNeed {
  /** An attribute's name, or `Subject` for the NameID. */
  claim: string;
  /**
   * `email`: an email address that names the user to the provider (two users with one address are one account);
   * `persistent`: an identifier that stays the same for the user (a changing one re-links or loses the account).
   */
  value: 'email' | 'persistent';
  /** Whether the provider tells users apart by this value: two users with one value are one account to it. */
  identifiesUser?: boolean;
}

/** A public source for one fact of the definition. */
export interface ProviderSource {
  /** Which fact: `acsUrl`, `audience`, `nameId`, `attributes`, `signing`, `status`, `binding` or `params.<key>`. */
  fact: string;
  url: string;
  /** What the source says, in a few words (shown in docs/providers/<id>.md). */
  note?: string;
}

export interface ProviderDefinition {
  id: string;
  vendor: string;
  product: string;
  status: ProviderStatus;
  /** Why the provider is legacy or deprecated, and what replaces it. */
  statusDetails?: ProviderStatusDetails;
  /** Public documentation URLs. */
  docs: string[];
  params: ProviderParam[];
  /** ACS URL template: literal text and `{paramKey}` placeholders. */
  acsUrl: string;
  /** Audience (SP entity ID) template. */
  audience: string;
  binding?: 'HTTP-POST' | 'HTTP-Redirect';
  /** Left out when the provider documents no NameID format. */
  nameId?: {
    /** Accepted formats, the preferred first. */
    formats: NameIdFormat[];
    /** The suggested Identity Center value for the Subject mapping, e.g. `${user:email}`. */
    source: string;
  };
  attributes: ProviderAttribute[];
  /**
   * Per-user needs the readiness check adds to "every required claim mapped from a user attribute has a value": what
   * the value must be (left out when the provider states nothing more).
   */
  userNeeds?: ProviderUserNeed[];
  signing?: ProviderSigning;
  oldForms?: ProviderOldForm[];
  sources: ProviderSource[];
  /** Facts left out because no public source states them (listed on the provider's docs page). */
  unsourced?: string[];
}
