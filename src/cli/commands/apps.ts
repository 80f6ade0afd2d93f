import { InputError } from '../../core/findings';
import { loadAws } from '../../lazy';
import { Command, EXIT_OK, printJson, stringOption } from '../io';

export const apps: Command = {
  usage: `apps                        list IAM Identity Center applications
                                --profile NAME --region REGION --endpoint URL`,
  options: { profile: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } },
  async run({ options }, io, json) {
    const aws = loadAws();
    const env = io.env ?? {};
    const api = new aws.IdentityCenter({
      profile: stringOption(options, 'profile') ?? env.AWS_PROFILE,
      region: stringOption(options, 'region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
      endpoint: stringOption(options, 'endpoint'),
    });
    try {
      const result = await aws.inventory(api);
      if (json) {
        printJson(io, result);
      } else if (result.instances.length === 0) {
        io.stdout('No IAM Identity Center instance in this account and Region. Try another Region with --region.\n');
      } else {
        for (const instance of result.instances) {
          io.stdout(`${instance.instanceArn} (identity store ${instance.identityStoreId})\n`);
          for (const app of instance.applications) {
            io.stdout(
              `  ${app.name}  ${app.status ?? ''}  ${app.federationProtocol ?? ''}  ${app.applicationArn}\n` +
                `    assignment required: ${app.assignmentRequired === null ? 'unknown' : app.assignmentRequired ? 'yes' : 'no'}; ` +
                `assigned: ${app.assignments.map((a) => `${a.displayName} (${a.principalType.toLowerCase()})`).join(', ') || 'nobody'}\n`,
            );
          }
        }
      }
      return EXIT_OK;
    } catch (err) {
      if (err instanceof Error && err.name === 'AwsProblemError') throw new InputError(err.message);
      throw err;
    } finally {
      api.dispose();
    }
  },
};
