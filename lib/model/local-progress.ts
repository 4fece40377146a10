/**
 * Progress of a download processed on this device (docs/local-processing.md): the tunnels being
 * fetched (bytes of each, the total when the instance said) and then the muxing.
 */
export type LocalProgress =
  | { phase: 'fetching'; tunnels: { received: number; total: number | null }[] }
  | { phase: 'muxing'; percent: number };
