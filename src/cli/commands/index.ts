import { Command } from '../io';
import { apps } from './apps';
import { cert } from './cert';
import { drift } from './drift';
import { lint } from './lint';
import { login } from './login';
import { metadata } from './metadata';
import { providers } from './providers';
import { readiness } from './readiness';
import { saml } from './saml';
import { values } from './values';

/** Every subcommand, in the order --help lists them. One module per command. */
export const COMMANDS: Record<string, Command> = {
  values,
  providers,
  cert,
  metadata,
  saml,
  lint,
  apps,
  readiness,
  drift,
  login,
};
