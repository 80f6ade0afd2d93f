import * as vscode from 'vscode';
import type { AwsSettings } from '../aws';
import { SETTINGS } from './documents';

/**
 * The AWS settings in effect (the sidebar's, and signing in). The endpoint setting is `machine`-scoped (package.json),
 * so VS Code never takes it from a workspace: a repository's `.vscode/settings.json` cannot send sign-in tokens or
 * signed requests to a host of its choosing. In an untrusted workspace VS Code also withholds the workspace's value
 * of the profile setting (`restrictedConfigurations`), so only the user's own applies there.
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
