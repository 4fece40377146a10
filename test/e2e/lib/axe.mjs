// axe-core (node_modules/axe-core) injected into an extension page and run there. The source
// is evaluated through the automation protocol, which extension-page CSP does not restrict.
import { readFileSync } from 'node:fs';
import { AXE_PATH } from './paths.mjs';

let source = null;

/** Runs axe on the page; returns the violations, each as "rule (impact): target… — help". */
export async function axeViolations(page) {
  source ??= readFileSync(AXE_PATH, 'utf8');
  const present = await page.evaluate(() => typeof globalThis.axe === 'object');
  if (!present) await page.evaluate(new Function(source));
  const result = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return result.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(', ')} — ${v.help}`);
}
