import { askedForKey } from '../health/asked-for-key';
import { isQuarantined } from '../health/is-quarantined';
import { isUpstreamCodebase } from '../instances/codebase';
import type { Instance } from '../instances/instance';
import type { RankReason } from '../model/rank-reason';
import type { Evidence, RankContext } from './rank-context';
import { REASON } from './reason-keys';

/**
 * The hard filters (docs/rules.md "Trust policy", "Ranking"). Pushes one '!' reason per rule the
 * instance breaks (all of them, so the UI can say everything that is wrong) and one '=' reason
 * per rule waived because the user chose the instance; returns whether it is excluded.
 *
 * Pins and the user's own instances waive the trust-level, codebase, http and IP-only rules. Only the
 * user's own instances waive the local-network rule (an address on the user's machine or LAN,
 * lib/safety/local-origin.ts): a list that names one is steering the browser at the user's
 * router, and a pin is made from what a list showed. Nothing waives a block, not_safe, Turnstile, the official-API rule, a missing key, or the facts (offline, service
 * unsupported, quarantined, answers closed to us without host access): those would only fail, or must never be contacted.
 */
export function checkFilters(
  instance: Instance,
  ev: Evidence,
  ctx: RankContext,
  reasons: RankReason[],
): boolean {
  const { trust } = ctx.settings;
  const probeOk = ev.probe?.ok === true;
  const before = reasons.length;
  // Rules the user can waive by choosing the instance: '=' when chosen, '!' otherwise.
  const choosable = ev.chosen ? WAIVED : EXCLUDES;

  if (ctx.blocked.has(instance.origin)) reasons.push(EXCLUDE_BLOCKED);
  if (ev.host.local && !ev.mine) reasons.push(EXCLUDE_LOCAL_NETWORK);
  if (instance.trust === 'not_safe') reasons.push(EXCLUDE_NOT_SAFE);
  // A tracker's "offline" is older than a probe that just got an answer.
  if ((instance.online === false || instance.trust === 'offline') && !probeOk) {
    reasons.push(EXCLUDE_OFFLINE);
  }
  // Our own recent `GET /` got no answer: as good as offline (docs/rules.md "Trust policy": never contact offline
  // instances), unless one of our downloads succeeded there since. An instance the user chose
  // (a self-hosted box may be briefly down) is only marked down in the score.
  const probeFailed = ev.probe !== null && !ev.probe.ok;
  const answeredSince =
    ev.record !== undefined && ev.record.successes > 0 && ev.record.updatedAt > (ev.probe?.at ?? 0);
  // It answered, but not to us: without host access for its origin every request fails the
  // browser's CORS check (lib/probe/probe-instance.ts). Chosen or not, nothing else would work;
  // the popup offers to ask for that access.
  const closed = probeFailed && ev.probe?.needsHostAccess === true && !answeredSince;
  if (closed) reasons.push(EXCLUDE_NEEDS_PERMISSION);
  else if (probeFailed && !ev.chosen && !answeredSince) reasons.push(EXCLUDE_PROBE_FAILED);
  if (instance.turnstile === true || (probeOk && ev.probe?.turnstile === true)) {
    reasons.push(EXCLUDE_TURNSTILE);
  }
  if (ev.host.official && !ev.hasKey) reasons.push(EXCLUDE_OFFICIAL);
  // It answered "a key is missing" (to us, or to its tracker's tests): without one it would only
  // refuse again; with the key the user has given it since, it is tried (and that refusal's
  // quarantine no longer applies).
  const keyWanted = askedForKey(ev.record) || instance.needsKey === true;
  if (keyWanted && !ev.hasKey) reasons.push(EXCLUDE_NEEDS_KEY);
  if (ev.host.http && !trust.allowHttp) reasons.push(choosable.http);
  if (ev.host.ipOnly && !trust.allowIpOnly) reasons.push(choosable.ipOnly);
  if (ev.generation === 'v7' && !trust.allowLegacyV7) reasons.push(EXCLUDE_V7);
  if (instance.trust === 'unknown' && !trust.allowUnknown) reasons.push(choosable.trustUnknown);
  if (instance.trust === 'listed' && !trust.allowListed) reasons.push(choosable.trustListed);
  if (trust.onlyUpstream) {
    if (ev.codebase === null) reasons.push(choosable.codebaseUnknown);
    else if (!isUpstreamCodebase(ev.codebase)) {
      reasons.push({ key: REASON.fork, params: [ev.codebase], effect: ev.chosen ? '=' : '!' });
    }
  }
  // GET / lists the services enabled for everyone; a key may unlock more (docs/cobalt-api.md §3.5),
  // so for a keyed instance this is only a penalty (see scoreInstance).
  const services = probeOk ? ev.probe?.services : null;
  if (services && !services.includes(ctx.service) && !ev.hasKey) {
    reasons.push(EXCLUDE_SERVICE_DISABLED);
  }
  // The tracker's failed test stands until our own attempts for this service succeeded and no
  // instance failure came after (content errors, rate limits and blips do not say it broke).
  const ownSuccessStands =
    ev.record !== undefined && ev.record.successes > 0 && !ev.record.consecutiveFailures;
  if (instance.services[ctx.service]?.ok === false && !ownSuccessStands) {
    reasons.push(EXCLUDE_TRACKER_FAILED);
  }
  if (isQuarantined(ev.record, ctx.now) && !(keyWanted && ev.hasKey)) {
    const minutes = String(Math.ceil((ev.record.quarantinedUntil - ctx.now) / 60_000));
    reasons.push({ key: REASON.quarantined, params: [minutes], effect: '!' });
  }
  for (let i = before; i < reasons.length; i++) if (reasons[i]?.effect === '!') return true;
  return false;
}

// Reasons without parameters are shared, frozen constants: thousands of instances per call
// would otherwise allocate the same objects over and over.
const exclude = (key: string): RankReason => Object.freeze({ key, effect: '!' });
const waive = (key: string): RankReason => Object.freeze({ key, effect: '=' });

const EXCLUDE_BLOCKED = exclude(REASON.blocked);
const EXCLUDE_LOCAL_NETWORK = exclude(REASON.localNetwork);
const EXCLUDE_NOT_SAFE = exclude(REASON.notSafe);
const EXCLUDE_OFFLINE = exclude(REASON.offline);
const EXCLUDE_PROBE_FAILED = exclude(REASON.probeFailed);
const EXCLUDE_NEEDS_PERMISSION = exclude(REASON.needsPermission);
const EXCLUDE_TURNSTILE = exclude(REASON.turnstile);
const EXCLUDE_OFFICIAL = exclude(REASON.officialNeedsKey);
const EXCLUDE_NEEDS_KEY = exclude(REASON.needsKey);
const EXCLUDE_V7 = exclude(REASON.legacyV7);
const EXCLUDE_SERVICE_DISABLED = exclude(REASON.serviceDisabled);
const EXCLUDE_TRACKER_FAILED = exclude(REASON.trackerServiceFailed);

const CHOOSABLE = ['http', 'ipOnly', 'trustUnknown', 'trustListed', 'codebaseUnknown'] as const;
type Choosable = Record<(typeof CHOOSABLE)[number], RankReason>;
const EXCLUDES = Object.fromEntries(
  CHOOSABLE.map((rule) => [rule, exclude(REASON[rule])]),
) as Choosable;
const WAIVED = Object.fromEntries(
  CHOOSABLE.map((rule) => [rule, waive(REASON[rule])]),
) as Choosable;
