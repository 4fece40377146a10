/**
 * The i18n message keys of RankReason. One key may appear with several effects: the effect
 * tells whether the fact excluded the instance ('!'), moved it ('+' / '-'), or was waived
 * because the user chose the instance ('=').
 */
export const REASON = {
  blocked: 'reasonBlocked',
  notSafe: 'reasonNotSafe',
  offline: 'reasonOffline',
  turnstile: 'reasonTurnstile',
  officialNeedsKey: 'reasonOfficialNeedsKey',
  needsKey: 'reasonNeedsKey',
  http: 'reasonHttp',
  ipOnly: 'reasonIpOnly',
  localNetwork: 'reasonLocalNetwork',
  legacyV7: 'reasonLegacyV7',
  trustUnknown: 'reasonTrustUnknown',
  trustListed: 'reasonTrustListed',
  trustSafe: 'reasonTrustSafe',
  serviceDisabled: 'reasonServiceDisabled',
  trackerServiceFailed: 'reasonTrackerServiceFailed',
  trackerServiceOk: 'reasonTrackerServiceOk',
  trackerScore: 'reasonTrackerScore',
  quarantined: 'reasonQuarantined',
  pinned: 'reasonPinned',
  ownKey: 'reasonOwnKey',
  myInstance: 'reasonMyInstance',
  latency: 'reasonLatency',
  answerTime: 'reasonAnswerTime',
  probeFailed: 'reasonProbeFailed',
  recentSuccesses: 'reasonRecentSuccesses',
  recentFailures: 'reasonRecentFailures',
  generation: 'reasonGeneration',
  needsPermission: 'reasonNeedsPermission',
  fork: 'reasonFork',
  codebaseUnknown: 'reasonCodebaseUnknown',
} as const;
