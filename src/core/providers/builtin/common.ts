/** Facts several built-in providers share. */

/** An https URL the admin copies whole from the provider's console (printable ASCII, no spaces). */
export const COPIED_HTTPS_URL = 'https://[!-~]{1,2040}';

/** Twilio's glossary: a SID is a two-letter prefix and 32 hex digits. */
export const TWILIO_SID_GLOSSARY = 'https://www.twilio.com/docs/glossary/what-is-a-sid';
