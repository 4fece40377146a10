/** lib/services: which cobalt service a link belongs to, and how to send it (docs/rules.md "Service detection"). */
export { SERVICE_KEYS, type ServiceKey } from './service-key';
export { friendlyName, isSecondaryName, serviceFromName } from './service-names';
export { matchService, MAX_LINK_LENGTH } from './match-service';
export { classifyPage } from './classify-page';
export { menuUrlPatterns } from './menu-url-patterns';
export { SUPPORTED_SERVICES, deepTestLink, minVersionFor, supportsAudioOnly } from './service-info';
