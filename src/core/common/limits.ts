/** The largest inputs read, in bytes (docs/configuration.md, "Limits that keep a hostile file harmless"). A module of its own, so
 * that code which only needs a limit does not load what checks the input. */

/** A certificate file or pasted certificate (a certificate is about 1.5 KB). */
export const MAX_CERTIFICATE_INPUT_BYTES = 1024 * 1024;

/** A metadata file named by a config (IAM Identity Center metadata is about 4 KB). */
export const MAX_METADATA_FILE_BYTES = 1024 * 1024;

/** A config or mapping file (a config is about 2 KB): checked before parsing, and before reading where possible. */
export const MAX_JSON_BYTES = 1024 * 1024;
