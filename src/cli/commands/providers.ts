import { BUILTIN_PROVIDERS, DEFAULT_PROVIDER_ID } from '../../core/providers/index';
import { Command, EXIT_OK, printJson } from '../io';

/** `frontline-sso providers`: the built-in service providers, with the params each needs. */
export const providers: Command = {
  usage: 'providers                   list the built-in service providers and their params',
  options: {},
  run(_args, io, json) {
    if (json) {
      printJson(
        io,
        BUILTIN_PROVIDERS.map((p) => ({
          id: p.id,
          vendor: p.vendor,
          product: p.product,
          status: p.status,
          params: p.params.map(({ key, label, pattern, example }) => ({ key, label, pattern, example })),
          docs: p.docs,
        })),
      );
      return EXIT_OK;
    }
    const width = Math.max(...BUILTIN_PROVIDERS.map((p) => p.id.length));
    io.stdout(
      BUILTIN_PROVIDERS.map((p) => {
        const status = p.status === 'current' ? '' : ` [${p.status}]`;
        const fallback = p.id === DEFAULT_PROVIDER_ID ? ' (default)' : '';
        const params = p.params.map((x) => `${x.key}=${x.example}`).join(' ');
        return `${p.id.padEnd(width)}  ${p.vendor} ${p.product}${fallback}${status}\n${' '.repeat(width)}  --param ${params || '(none)'}\n`;
      }).join('') + 'Values for one: frontline-sso values --provider ID --param KEY=VALUE …\n',
    );
    return EXIT_OK;
  },
};
