import { FRONTLINE_ACS_PREFIX, FRONTLINE_AUDIENCE_PREFIX } from '../../values/realm';
import { TWILIO_SID_GLOSSARY } from './common';
import { ProviderDefinition } from '../types';

const GUIDE = 'https://www.twilio.com/docs/frontline/sso/aws';
const GUIDES = 'https://www.twilio.com/docs/frontline/sso';

/**
 * Twilio Frontline, the default provider. The URL templates are realm.ts's constants (the ones `values <RealmSID>`
 * has always printed), so the two cannot drift apart.
 */
export const twilioFrontline: ProviderDefinition = {
  id: 'twilio-frontline',
  vendor: 'Twilio',
  product: 'Frontline',
  status: 'legacy',
  statusDetails: {
    date: '2023-02-09',
    message: 'Twilio offers Frontline only to existing Frontline accounts; existing setups keep working.',
  },
  docs: [GUIDE, GUIDES],
  params: [
    {
      key: 'realmSid',
      label: 'Realm SID',
      pattern: 'JB[0-9a-fA-F]{32}',
      example: 'JB0123456789abcdef0123456789abcdef',
      where: 'Frontline Console → SSO page: the Realm SID (34 characters starting with JB).',
    },
  ],
  acsUrl: `${FRONTLINE_ACS_PREFIX}{realmSid}`,
  audience: `${FRONTLINE_AUDIENCE_PREFIX}{realmSid}`,
  nameId: { formats: ['emailAddress'], source: '${user:email}' },
  attributes: [
    { name: 'email', required: true, suggestedValue: '${user:email}', format: 'unspecified' },
    { name: 'roles', required: true, allowedValues: ['agent'], suggestedValue: 'agent', format: 'unspecified' },
  ],
  userNeeds: [{ claim: 'email', value: 'email', identifiesUser: true }],
  signing: {
    response: true,
    encryptedAssertionRefused: true,
    unsignedResponseError: 'The Message of SAML response is not signed',
  },
  sources: [
    { fact: 'acsUrl', url: GUIDE, note: 'Application ACS URL built from the Realm SID' },
    {
      fact: 'audience',
      url: GUIDE,
      note: 'Application SAML audience; the same URL in the Okta, Azure AD and Google guides',
    },
    {
      fact: 'params.realmSid',
      url: TWILIO_SID_GLOSSARY,
      note: 'a SID is a two-letter prefix and 32 hex digits; realms use JB',
    },
    { fact: 'nameId', url: GUIDE, note: 'Subject ← ${user:email}, format emailAddress' },
    { fact: 'attributes', url: GUIDE, note: 'email ← ${user:email}; roles ← agent' },
    { fact: 'signing', url: GUIDES, note: 'troubleshooting: unsigned responses and encrypted assertions are rejected' },
    {
      fact: 'status',
      url: 'https://www.twilio.com/docs/frontline',
      note: 'notice: Frontline is offered only to existing accounts since 9 February 2023',
    },
    { fact: 'userNeeds.email', url: GUIDE, note: "the worker's identity is the email claim: one address, one worker" },
  ],
};
