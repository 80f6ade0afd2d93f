/** The Identity Center tree's view id (package.json `views`), shared by the registration and the provider. */
export const VIEW_ID = 'frontlineSso.applications';
