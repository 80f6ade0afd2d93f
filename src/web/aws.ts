// The AWS part in the web bundle: scripts/build.mjs puts this module in place of src/aws/index.ts, so that the AWS SDK
// (Node's HTTP stack, the shared credentials files) stays out of the browser. Nothing registered on the web loads
// it; should that change, the message says where the feature works.
throw new Error(
  'IAM Identity Center is reached only from desktop VS Code: open this folder there to use this command.',
);
export {};
