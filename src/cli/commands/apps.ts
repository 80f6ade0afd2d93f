import { loadAws } from '../../lazyParts';
import { Command, EXIT_OK, printJson } from '../io';
import { AWS_OPTIONS, AWS_USAGE, asInputError, identityCenter } from './awsOptions';

export const apps: Command = {
  usage: `apps                        list IAM Identity Center applications
                                ${AWS_USAGE}`,
  options: AWS_OPTIONS,
  async run({ options }, io, json) {
    const aws = loadAws();
    const api = identityCenter(aws, options, io);
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
      throw asInputError(err);
    } finally {
      api.dispose();
    }
  },
};
