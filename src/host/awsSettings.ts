import * as vscode from 'vscode';
import type { AwsSettings } from '../aws';
import { SETTINGS } from './documents';

/**
 * The AWS settings in effect (the sidebar's, and signing in). In an untrusted workspace VS Code itself withholds the
 * workspace's values of the profile and endpoint settings (`restrictedConfigurations` in package.json), so only the
 * user's own apply there.
 */
export function awsSettings(): AwsSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS);
  return {
    profile: config.get<string>('aws.profile') || undefined,
    region: config.get<string>('aws.region') || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined,
    endpoint: config.get<string>('aws.endpoint') || undefined,
    timeoutSeconds: config.get<number>('aws.timeoutSeconds'),
    origin: 'extension',
  };
}
