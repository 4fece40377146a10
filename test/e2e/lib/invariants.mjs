// Security and privacy invariants, checked on the test servers' request logs after every
// scenario that talks to them (docs/testing.md "Invariants"):
// - an API key only ever reaches its own origin, and only that instance's key;
// - a blocked instance receives nothing; a Turnstile instance never receives a POST once it
//   is known (from the feed, or from its GET / probe);
// - probes carry no user data (GET / with no query, no body, no Authorization);
// - a page address only reaches instances that were tried for it (POST bodies);
// - trackers get plain GETs: no key, no page address.

/**
 * @param {ReturnType<typeof import('./world.mjs').startWorld> extends Promise<infer W> ? W : never} world
 * @param {{keys?: Record<string,string>, blocked?: string[], turnstile?: string[], pageUrls?: string[]}} facts
 */
export function checkInvariants(
  world,
  { keys = {}, blocked = [], turnstile = [], pageUrls = [] } = {},
) {
  const problems = [];
  for (const [name, server] of Object.entries(world.servers)) {
    const own = keys[name];
    for (const r of server.requests) {
      const auth = r.headers.authorization;
      if (auth !== undefined) {
        if (!own)
          problems.push(
            `${name} (no key of its own) received Authorization "${auth}" on ${r.method} ${r.path}`,
          );
        else if (auth !== `Api-Key ${own}`)
          problems.push(`${name} received a foreign Authorization "${auth}"`);
        else if (r.method !== 'POST')
          problems.push(`${name} received its key on ${r.method} ${r.path}`);
      }
      for (const [other, key] of Object.entries(keys)) {
        if (
          other !== name &&
          (JSON.stringify(r.headers).includes(key) || r.body.includes(key) || r.path.includes(key))
        ) {
          problems.push(`${other}'s API key reached ${name} (${r.method} ${r.path})`);
        }
      }
      if (r.method === 'GET' && r.path.split('?')[0] === '/' && (r.path !== '/' || r.body !== '')) {
        problems.push(`${name}: a probe carried data: GET ${r.path} body=${r.body.slice(0, 80)}`);
      }
      const posted = r.method === 'POST';
      for (const url of pageUrls) {
        if (!posted && (r.path.includes(encodeURIComponent(url)) || r.path.includes(url))) {
          problems.push(`${name}: the page address was sent in a ${r.method} ${r.path}`);
        }
      }
    }
    if (blocked.includes(name) && server.requests.length) {
      problems.push(
        `${name} is blocked but received ${server.requests.length} request(s): ${server.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
      );
    }
    if (turnstile.includes(name)) {
      const posts = server.requests.filter((r) => r.method === 'POST');
      if (posts.length)
        problems.push(
          `${name} needs Turnstile but received ${posts.length} POST(s) ${posts.map((p) => p.path).join(', ')}`,
        );
    }
  }
  for (const r of world.tracker.requests) {
    if (r.headers.authorization) problems.push(`the tracker received Authorization on ${r.url}`);
    for (const key of Object.values(keys)) {
      if (JSON.stringify(r.headers).includes(key) || r.url.includes(key))
        problems.push('an API key reached the tracker');
    }
    for (const url of pageUrls)
      if (r.url.includes(encodeURIComponent(url)) || r.url.includes(url))
        problems.push(`the tracker saw the page address: ${r.url}`);
    if (r.method !== 'GET' && r.method !== 'HEAD') problems.push(`the tracker got a ${r.method}`);
  }
  if (problems.length) throw new Error(`invariants broken:\n- ${problems.join('\n- ')}`);
}

/** Names of the servers whose POST / bodies carried `url`. */
export function postedTo(world, url) {
  return Object.keys(world.servers).filter((name) => world.posts(name).some((b) => b.url === url));
}
