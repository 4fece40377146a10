import { config } from 'zod';

/**
 * Imported first by every entry that runs zod (entrypoints/background, entrypoints/offscreen), so
 * it runs before any schema is built. zod 4 builds a fast parser for each `z.object` with
 * `new Function` when it can, and finds out whether it can by trying once, when the first object
 * schema is built (node_modules/zod/v4/core/util.js `allowsEval`). An extension's worker and
 * pages forbid `eval` (MV3's fixed content security policy), so the try always fails: an
 * EvalError thrown and caught at every start of the worker, and in a document a
 * `securitypolicyviolation` event as well. `jitless` skips the try; the parsers are the
 * interpreted ones zod falls back to anyway
 * (https://github.com/colinhacks/zod/discussions/6671).
 */
config({ jitless: true });
