/**
 * A tunnel may only be fetched from the instance's own origin: cobalt's tunnels are
 * `<instance>/tunnel?…` (https://github.com/imputnet/cobalt/blob/main/api/src/stream/manage.js),
 * and an answer naming another host is either a misconfiguration or an attempt to make the
 * extension fetch something else. The download target policy (lib/safety/download-target.ts,
 * through lib/submit/confine-result.ts) has already passed every tunnel before a job starts; this
 * is the fetcher's own, stricter check (docs/local-processing.md "Known limit").
 */
export function isTunnelOnInstanceOrigin(url: string, instanceOrigin: string): boolean {
  try {
    const target = new URL(url);
    const origin = new URL(instanceOrigin);
    return (
      (target.protocol === 'https:' || target.protocol === 'http:') &&
      target.origin === origin.origin &&
      target.username === '' &&
      target.password === ''
    );
  } catch {
    return false;
  }
}
