import { version } from '../../package.json';

/**
 * The descriptive User-Agent the trackers ask for: instances.hyper.lol blocks generic agents
 * (docs/cobalt-api.md §6.1, §9 item 21). Firefox sends it as a fetch header; Chromium drops a fetch
 * User-Agent silently, so the background installs a DNR rule with this value
 * (platform/user-agent-rule.ts).
 */
export const USER_AGENT = `cobalt-picker/${version} (+https://github.com/cobalt-picker/cobalt-picker)`;
