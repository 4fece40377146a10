/**
 * A tunnel may only be fetched from the instance's own origin: cobalt's tunnels are
 * `<instance>/tunnel?…` (https://github.com/imputnet/cobalt/blob/main/api/src/stream/manage.js),
 * and an answer naming another host is either a misconfiguration or an attempt to make the
 * extension fetch something else. This is the one place that decides, so the download target
 * policy (issue 12) can replace it.
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
