// What the user sees is asserted in the extension's own words: the English strings are read
// from the built package's _locales/en/messages.json, so a copy edit does not break the e2e
// and a missing or renamed message does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cache = null;

export function loadMessages(extDir) {
  cache = JSON.parse(readFileSync(join(extDir, '_locales', 'en', 'messages.json'), 'utf8'));
  return cache;
}

function entry(key) {
  if (!cache) throw new Error('messages not loaded');
  const found = cache[key];
  if (!found) throw new Error(`_locales/en/messages.json has no "${key}"`);
  return found;
}

/** `chrome.i18n.getMessage` semantics: $NAME$ placeholders → their content ($1…), then $n → params. */
function expand(key, fill) {
  const { message, placeholders = {} } = entry(key);
  const lower = Object.fromEntries(
    Object.entries(placeholders).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const parts = [];
  // Split into literal text and substitutions.
  const re = /\$([A-Za-z0-9_@]+)\$|\$(\d)|\$\$/g;
  let last = 0;
  for (let m = re.exec(message); m; m = re.exec(message)) {
    parts.push({ text: message.slice(last, m.index) });
    if (m[0] === '$$') parts.push({ text: '$' });
    else if (m[1]) {
      const content = lower[m[1].toLowerCase()]?.content ?? '';
      const n = /^\$(\d)$/.exec(content);
      parts.push(n ? { param: Number(n[1]) - 1 } : { text: content });
    } else parts.push({ param: Number(m[2]) - 1 });
    last = m.index + m[0].length;
  }
  parts.push({ text: message.slice(last) });
  return parts.map((p) => ('text' in p ? fill.text(p.text) : fill.param(p.param))).join('');
}

/** The message as the user reads it. */
export function msg(key, params = []) {
  return expand(key, { text: (t) => t, param: (i) => String(params[i] ?? '') });
}

/** A RegExp matching the message with any substitutions (or the given ones). */
export function msgPattern(key, params = []) {
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    expand(key, {
      text: (t) => esc(t).replace(/\s+/g, '\\s+'),
      param: (i) => (params[i] === undefined ? '[\\s\\S]*?' : esc(String(params[i]))),
    }),
  );
}
