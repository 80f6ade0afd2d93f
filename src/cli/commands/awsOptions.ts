import { InputError } from '../../core/common/findings';
import type { AwsModule } from '../../lazyParts';
import { Io, OptionsSpec, OptionValue, stringOption } from '../io';

/** The options every command that calls AWS takes (docs/cli.md). */
export const AWS_OPTIONS: OptionsSpec = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  timeout: { type: 'string' },
};

export const AWS_USAGE = '--profile NAME --region REGION --endpoint URL --timeout SECONDS';

type IdentityCenter = InstanceType<AwsModule['IdentityCenter']>;

/**
 * An Identity Center session from the flags and the environment. Bad flags (an endpoint that is not http(s), a
 * timeout out of range) become an InputError: one line on stderr, exit 2.
 */
export function identityCenter(aws: AwsModule, options: Record<string, OptionValue>, io: Io): IdentityCenter {
  const env = io.env ?? {};
  try {
    return new aws.IdentityCenter({
      profile: stringOption(options, 'profile') ?? env.AWS_PROFILE,
      region: stringOption(options, 'region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
      endpoint: stringOption(options, 'endpoint'),
      timeoutSeconds: stringOption(options, 'timeout'),
      origin: 'cli',
    });
  } catch (err) {
    throw asInputError(err);
  }
}

/** AWS problems are what the user must fix (credentials, Region, endpoint): exit 2 with the problem's sentence. */
export function asInputError(err: unknown): unknown {
  return err instanceof Error && err.name === 'AwsProblemError' ? new InputError(err.message) : err;
}
