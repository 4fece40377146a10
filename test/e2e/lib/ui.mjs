// Browser-neutral UI driving: every helper runs inside the page through `page.evaluate`, so the
// same scenario code drives Playwright (Chromium) and puppeteer over WebDriver BiDi (Firefox).
// Elements are found the way a user (or a screen reader) finds them: by role and accessible
// name (aria-label, aria-labelledby, <label>, text), never by a test id.
import { waitFor } from './report.mjs';

const toSpec = (p) =>
  p instanceof RegExp
    ? { source: p.source, flags: p.flags }
    : { source: escapeRe(String(p)), flags: 'i' };
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs in the page. Kept self-contained: it is serialised into the page. */
function inPage(arg) {
  const re = (spec) => new RegExp(spec.source, spec.flags);
  const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const visible = (el) => {
    if (!(el instanceof Element)) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const rect = el.getBoundingClientRect();
    // sr-only elements are 1×1 px: still "visible" to a screen reader user.
    return rect.width > 0 || rect.height > 0 || el.closest('.sr-only') !== null;
  };
  const textOf = (el) => norm(el.innerText ?? el.textContent);
  const nameOf = (el) => {
    const label = el.getAttribute('aria-label');
    if (label) return norm(label);
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      return norm(
        by
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    }
    if (
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLTextAreaElement
    ) {
      if (el.type === 'submit' || el.type === 'button') return norm(el.value);
      const labels = el.labels ? [...el.labels].map(textOf).join(' ') : '';
      if (labels) return labels;
      return norm(el.getAttribute('title') ?? el.getAttribute('placeholder') ?? '');
    }
    return textOf(el) || norm(el.getAttribute('title') ?? '');
  };
  const ROLES = {
    button: 'button, input[type=submit], input[type=button], [role=button]',
    link: 'a[href], [role=link]',
    checkbox: 'input[type=checkbox], [role=checkbox]',
    radio: 'input[type=radio], [role=radio]',
    textbox:
      'input:not([type]), input[type=text], input[type=url], input[type=search], input[type=email], input[type=password], textarea, [role=textbox]',
    combobox: 'select, [role=combobox]',
    spinbutton: 'input[type=number]',
    file: 'input[type=file]',
    any: 'button, a[href], input, select, textarea, [role]',
  };
  const find = () => {
    const all = [...document.querySelectorAll(ROLES[arg.role] ?? arg.role)];
    const matching = all.filter((el) => (arg.name ? re(arg.name).test(nameOf(el)) : true));
    const shown = matching.filter(visible);
    const pool = shown.length ? shown : arg.role === 'file' ? matching : [];
    return pool[arg.nth ?? 0] ?? null;
  };
  const describe = () =>
    [...document.querySelectorAll(ROLES[arg.role] ?? arg.role)]
      .map((el) => `${el.tagName.toLowerCase()}:"${nameOf(el)}"${el.disabled ? '(disabled)' : ''}`)
      .slice(0, 40)
      .join(', ');
  const setNative = (el, value) => {
    const proto = Object.getPrototypeOf(el);
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) setter.call(el, value);
    else el.value = value;
  };

  switch (arg.op) {
    case 'text':
      return document.body ? document.body.innerText : '';
    case 'state': {
      const el = find();
      if (!el) return null;
      return {
        name: nameOf(el),
        disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true',
        checked: !!el.checked,
        value: el.value ?? null,
      };
    }
    case 'click': {
      const el = find();
      if (!el)
        return { ok: false, why: `no ${arg.role} named ${arg.name?.source}; have: ${describe()}` };
      if (el.disabled) return { ok: false, why: `${arg.role} "${nameOf(el)}" is disabled` };
      el.scrollIntoView({ block: 'center' });
      el.click();
      return { ok: true, name: nameOf(el) };
    }
    case 'fill': {
      const el = find();
      if (!el)
        return { ok: false, why: `no ${arg.role} named ${arg.name?.source}; have: ${describe()}` };
      el.focus();
      setNative(el, arg.value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return { ok: true, name: nameOf(el) };
    }
    case 'select': {
      const el = find();
      if (!el)
        return { ok: false, why: `no ${arg.role} named ${arg.name?.source}; have: ${describe()}` };
      const option = [...el.options].find(
        (o) => o.value === arg.value || norm(o.textContent) === arg.value,
      );
      if (!option)
        return {
          ok: false,
          why: `no option ${arg.value} in "${nameOf(el)}": ${[...el.options].map((o) => o.value).join(', ')}`,
        };
      setNative(el, option.value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return { ok: true, name: nameOf(el) };
    }
    case 'setFile': {
      const el = find();
      if (!el)
        return { ok: false, why: `no file input named ${arg.name?.source}; have: ${describe()}` };
      const dt = new DataTransfer();
      dt.items.add(new File([arg.content], arg.fileName, { type: 'application/json' }));
      el.files = dt.files;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return { ok: true, name: nameOf(el) };
    }
    case 'instances':
      // The popup's ranked list: one <li class="inst"> per instance, rank number first. The
      // tail and the excluded instances sit in folds whose rows are built only once opened,
      // so open them as a user would (a click on the summary), then read every row.
      return (async () => {
        const opened = [];
        for (const details of document.querySelectorAll('section.instances details')) {
          if (details.open) continue;
          details.querySelector('summary')?.click();
          opened.push(details);
        }
        const folded = () =>
          [...document.querySelectorAll('section.instances details')].some(
            (d) => !d.open || d.querySelector('li.inst') === null,
          );
        for (let i = 0; i < 50 && folded(); i++) await new Promise((r) => setTimeout(r, 20));
        const rows = [...document.querySelectorAll('li.inst')].map((li) => ({
          host: norm(li.querySelector('.inst-host')?.textContent),
          rank: li.querySelector('.rank') ? Number(li.querySelector('.rank').textContent) : null,
          excluded: li.classList.contains('inst-excluded'),
          text: norm(li.innerText),
        }));
        // Leave the page as the user had it: folds opened only to read are closed again.
        for (const details of opened) details.querySelector('summary')?.click();
        return rows;
      })();
    case 'trail':
      // The fallback trail: <ol class="trail"> with one <li class="step step-<outcome>">.
      return [...document.querySelectorAll('ol.trail > li')].map((li) => ({
        host: norm(li.querySelector('.step-host')?.textContent),
        outcome: ([...li.classList].find((c) => c.startsWith('step-')) ?? '').slice(5),
        message: norm(li.querySelector('.step-msg')?.textContent),
      }));
    default:
      throw new Error(`unknown op ${arg.op}`);
  }
}

/** A UI handle over a page wrapper with `evaluate(fn, arg)`. */
export function ui(page) {
  const run = (arg) => page.evaluate(inPage, arg);
  const act = async (arg, what) => {
    const res = await waitFor(
      async () => {
        const r = await run(arg);
        return r?.ok ? r : null;
      },
      { timeoutMs: arg.timeoutMs ?? 10_000, what },
    ).catch(async (e) => {
      const r = await run(arg).catch(() => null);
      throw new Error(`${what}: ${r?.why ?? e.message}`);
    });
    return res;
  };
  return {
    page,
    text: () => run({ op: 'text' }),
    state: (role, name, nth) => run({ op: 'state', role, name: name && toSpec(name), nth }),
    instances: () => run({ op: 'instances' }),
    trail: () => run({ op: 'trail' }),
    click: (role, name, opts = {}) =>
      act({ op: 'click', role, name: toSpec(name), ...opts }, `click ${role} ${name}`),
    fill: (role, name, value, opts = {}) =>
      act({ op: 'fill', role, name: toSpec(name), value, ...opts }, `fill ${role} ${name}`),
    select: (name, value, opts = {}) =>
      act({ op: 'select', role: 'combobox', name: toSpec(name), value, ...opts }, `select ${name}`),
    setFile: (name, fileName, content, opts = {}) =>
      act(
        {
          op: 'setFile',
          role: 'file',
          name: name ? toSpec(name) : undefined,
          fileName,
          content,
          ...opts,
        },
        `set file ${fileName}`,
      ),
    /** Waits until the page text matches `pattern`; the error shows what the page said. */
    async waitText(pattern, { timeoutMs = 10_000 } = {}) {
      const re = pattern instanceof RegExp ? pattern : new RegExp(escapeRe(String(pattern)));
      let last = '';
      try {
        return await waitFor(
          async () => {
            last = await run({ op: 'text' });
            return re.test(last) ? last : null;
          },
          { timeoutMs, what: `text ${re}` },
        );
      } catch {
        throw new Error(
          `the page never showed ${re} within ${timeoutMs} ms; it shows:\n${clip(last)}`,
        );
      }
    },
    async waitNoText(pattern, { timeoutMs = 10_000 } = {}) {
      let last = '';
      try {
        return await waitFor(
          async () => {
            last = await run({ op: 'text' });
            return !pattern.test(last);
          },
          { timeoutMs, what: `no text ${pattern}` },
        );
      } catch {
        throw new Error(`the page kept showing ${pattern} for ${timeoutMs} ms:\n${clip(last)}`);
      }
    },
  };
}

function clip(text, n = 900) {
  const s = String(text ?? '').replace(/\n{2,}/g, '\n');
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
