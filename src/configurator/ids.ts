/** The configurator's webview type (package.json's onWebviewPanel activation and the serializer answer for it). */
export const CONFIGURATOR_VIEW_TYPE = 'frontlineSso.configurator';
