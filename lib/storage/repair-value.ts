import { z } from 'zod';
import { describeIssue } from './describe-issue';
import { showValue } from './show-value';

/**
 * Per-field fallback for stored and imported values (style anchors §8.5, Dark Reader's
 * `validation.ts`): one corrupt field is replaced by its own default, never the whole value.
 *
 * The walk follows the schema, not the data:
 * - an object keeps every valid field; an invalid field with a default (or optional) is reset
 *   to it; an invalid *required* field invalidates the object, which its parent then resets;
 * - a list drops its invalid entries one by one and keeps the first N when it is too long;
 * - a record drops entries whose name or value is invalid;
 * - anything else is a leaf, checked by its schema as a whole.
 * Unknown keys are dropped and listed in `unknownKeys`.
 *
 * Schemas must be idempotent (parsing a parsed value yields it again): the walk re-checks
 * lists and the whole value after repair, and anything written is read back the same way.
 */

export interface RepairIssue {
  /** Where the invalid value was: `download.videoQuality`, `myInstances[2].origin`; '' = all of it. */
  path: string;
  /** What is wrong in plain words, without the path: `"9999" is not one of max, 4320, …`. */
  reason: string;
  /** What the repair did: `reset to 1080`, `removed`, `removed myInstances[2]`. */
  action: string;
}

export interface RepairResult<T> {
  value: T;
  issues: RepairIssue[];
  /** Paths of keys the schema does not know; they were dropped. */
  unknownKeys: string[];
}

type Segment = string | number;
type Schema = z.core.$ZodType;
type Walked =
  | { ok: true; value: unknown; issues: RepairIssue[]; unknownKeys: string[] }
  | { ok: false; path: Segment[]; reason: string };

/** Keys whose values are secrets: their content never appears in a message. */
const SECRET_KEYS: ReadonlySet<string> = new Set(['apiKey']);

/** Names that would rewrite an object's prototype if copied as own keys from parsed JSON. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Repairs `raw` against `schema`. Never throws. `undefined` (nothing stored) yields the fallback
 * without an issue; any other value the walk cannot salvage yields the fallback with one issue.
 */
export function repairValue<T>(schema: z.ZodType<T>, raw: unknown, fallback: T): RepairResult<T> {
  if (raw === undefined) return { value: structuredClone(fallback), issues: [], unknownKeys: [] };
  try {
    // A valid value (nearly every read: what the engine wrote itself) needs one parse, not the
    // walk, which parses each leaf, then each list again, then the whole value: measured on a
    // woken worker reading a 150-instance tracker list and a 500-entry history, that was the
    // largest cost of its start (docs/performance.md "Popup first render").
    const direct = schema.safeParse(raw);
    const unknownKeys: string[] = [];
    if (direct.success && scanKeys(planOf(schema), raw, [], unknownKeys)) {
      return { value: direct.data, issues: [], unknownKeys };
    }
    const walked = walk(schema, raw, []);
    if (!walked.ok) return whole(fallback, formatPath(walked.path), walked.reason);
    const typed = schema.safeParse(walked.value);
    if (!typed.success) {
      // Only a schema-level refinement can get here (every part passed on its own).
      return whole(fallback, '', describeIssue(typed.error.issues[0]!, walked.value));
    }
    return { value: typed.data, issues: walked.issues, unknownKeys: walked.unknownKeys };
  } catch (error) {
    // Exotic input (a throwing getter, a revoked proxy): still a value, never an exception.
    return whole(fallback, '', `could not be read (${String(error)})`);
  }
}

export function formatPath(path: readonly Segment[]): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text ? `.${segment}` : segment;
  }
  return text;
}

function whole<T>(fallback: T, path: string, reason: string): RepairResult<T> {
  return {
    value: structuredClone(fallback),
    issues: [{ path, reason, action: 'reset everything to defaults' }],
    unknownKeys: [],
  };
}

/**
 * Where a value can hold keys: the schema's objects, lists and records, unwrapped as `walk`
 * unwraps them; everything else is a leaf. Made once per schema (schemas are module-level
 * constants), so a scan asks no `instanceof` and copies no shape per value.
 */
type Plan =
  | { kind: 'leaf' }
  | { kind: 'object'; fields: [string, Plan][]; known: ReadonlySet<string> }
  | { kind: 'array'; element: Plan }
  | { kind: 'record'; value: Plan };

const LEAF: Plan = { kind: 'leaf' };
const plans = new WeakMap<Schema, Plan>();

function planOf(schema: Schema): Plan {
  const cached = plans.get(schema);
  if (cached) return cached;
  const node = unwrap(schema);
  let plan: Plan = LEAF;
  if (node instanceof z.ZodObject) {
    const entries = Object.entries(node.shape);
    plan = {
      kind: 'object',
      fields: entries.map(([key, child]) => [key, planOf(child)]),
      known: new Set(entries.map(([key]) => key)),
    };
  } else if (node instanceof z.ZodArray) plan = { kind: 'array', element: planOf(node.element) };
  else if (node instanceof z.ZodRecord) plan = { kind: 'record', value: planOf(node.valueType) };
  plans.set(schema, plan);
  return plan;
}

/**
 * Adds to `unknownKeys` the keys a valid value has that its schema does not know, in the walk's
 * order (the schema's fields first, then the keys it does not know), without parsing anything.
 * False when a record holds a forbidden name, which only the walk removes (a parse would assign
 * it and rewrite the copy's prototype). `path` is a stack: pushed and popped, never copied.
 */
function scanKeys(plan: Plan, raw: unknown, path: Segment[], unknownKeys: string[]): boolean {
  if (plan.kind === 'leaf' || raw === null || typeof raw !== 'object') return true;
  const value = raw as Record<string, unknown>;
  if (plan.kind === 'object') {
    let present = 0;
    for (const [key, child] of plan.fields) {
      if (!Object.hasOwn(value, key)) continue;
      present++;
      if (child.kind === 'leaf') continue;
      path.push(key);
      const clean = scanKeys(child, value[key], path, unknownKeys);
      path.pop();
      if (!clean) return false;
    }
    const keys = Object.keys(value);
    if (keys.length === present) return true;
    for (const key of keys) {
      if (!plan.known.has(key)) unknownKeys.push(formatPath([...path, key]));
    }
    return true;
  }
  if (plan.kind === 'array') {
    if (!Array.isArray(raw) || plan.element.kind === 'leaf') return true;
    for (let index = 0; index < raw.length; index++) {
      path.push(index);
      const clean = scanKeys(plan.element, raw[index], path, unknownKeys);
      path.pop();
      if (!clean) return false;
    }
    return true;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return false;
    if (plan.value.kind === 'leaf') continue;
    path.push(key);
    const clean = scanKeys(plan.value, value[key], path, unknownKeys);
    path.pop();
    if (!clean) return false;
  }
  return true;
}

function walk(schema: Schema, raw: unknown, path: Segment[]): Walked {
  if (raw === undefined) {
    const fallback = fallbackOf(schema);
    return fallback.has ? ok(fallback.value) : { ok: false, path, reason: 'is missing' };
  }
  // null is never a valid container: the schema as a whole says whether null is allowed here.
  if (raw === null) return walkLeaf(schema, raw, path);
  const node = unwrap(schema);
  if (node instanceof z.ZodObject) return walkObject(node, raw, path);
  if (node instanceof z.ZodArray) return walkArray(node, raw, path);
  if (node instanceof z.ZodRecord) return walkRecord(node, raw, path);
  return walkLeaf(schema, raw, path);
}

function walkObject(node: z.ZodObject, raw: unknown, path: Segment[]): Walked {
  if (!isObject(raw)) return { ok: false, path, reason: `${showValue(raw)} is not an object` };
  const value: Record<string, unknown> = {};
  const issues: RepairIssue[] = [];
  const unknownKeys: string[] = [];
  for (const [key, child] of Object.entries(node.shape)) {
    const childPath = [...path, key];
    const walked = walk(child, Object.hasOwn(raw, key) ? raw[key] : undefined, childPath);
    if (walked.ok) {
      setOwn(value, key, walked.value);
      issues.push(...walked.issues);
      unknownKeys.push(...walked.unknownKeys);
      continue;
    }
    const fallback = fallbackOf(child);
    // A required field without a default: this object cannot stand; the parent decides.
    if (!fallback.has) return walked;
    issues.push(issueFor(walked, childPath, fallback.value));
    setOwn(value, key, fallback.value);
  }
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(node.shape, key)) unknownKeys.push(formatPath([...path, key]));
  }
  return { ok: true, value, issues, unknownKeys };
}

function walkArray(node: z.ZodArray, raw: unknown, path: Segment[]): Walked {
  if (!Array.isArray(raw)) return { ok: false, path, reason: `${showValue(raw)} is not a list` };
  let items: unknown[] = [];
  const issues: RepairIssue[] = [];
  const unknownKeys: string[] = [];
  for (let index = 0; index < raw.length; index++) {
    const walked = walk(node.element, raw[index], [...path, index]);
    if (walked.ok) {
      items.push(walked.value);
      issues.push(...walked.issues);
      unknownKeys.push(...walked.unknownKeys);
    } else {
      issues.push(issueFor(walked, [...path, index], undefined));
    }
  }
  const checked = z.safeParse(node, items);
  if (checked.success) return { ok: true, value: checked.data, issues, unknownKeys };
  const tooLong = checked.error.issues.find(
    (issue) => issue.code === 'too_big' && issue.path.length === 0,
  );
  if (tooLong?.code === 'too_big') {
    const limit = Number(tooLong.maximum);
    issues.push({
      path: formatPath(path),
      reason: describeIssue(tooLong, items),
      action: `kept the first ${limit}`,
    });
    items = items.slice(0, limit);
  }
  const rechecked = z.safeParse(node, items);
  if (rechecked.success) return { ok: true, value: rechecked.data, issues, unknownKeys };
  const first = rechecked.error.issues[0]!;
  return {
    ok: false,
    path: [...path, ...segments(first.path)],
    reason: describeIssue(first, items),
  };
}

function walkRecord(node: z.ZodRecord, raw: unknown, path: Segment[]): Walked {
  if (!isObject(raw)) return { ok: false, path, reason: `${showValue(raw)} is not an object` };
  const value: Record<string, unknown> = {};
  const issues: RepairIssue[] = [];
  const unknownKeys: string[] = [];
  for (const key of Object.keys(raw)) {
    const entryPath = [...path, key];
    const name = z.safeParse(node.keyType, key);
    if (FORBIDDEN_KEYS.has(key) || !name.success) {
      const reason =
        name.success || FORBIDDEN_KEYS.has(key)
          ? `${showValue(key)} is not allowed as a name`
          : describeIssue(name.error.issues[0]!, key);
      issues.push({ path: formatPath(entryPath), reason, action: 'removed' });
      continue;
    }
    const walked = walk(node.valueType, raw[key], entryPath);
    if (walked.ok) {
      setOwn(value, String(name.data), walked.value);
      issues.push(...walked.issues);
      unknownKeys.push(...walked.unknownKeys);
    } else {
      issues.push(issueFor(walked, entryPath, undefined));
    }
  }
  return { ok: true, value, issues, unknownKeys };
}

function walkLeaf(schema: Schema, raw: unknown, path: Segment[]): Walked {
  const parsed = z.safeParse(schema, raw);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const issuePath = [...path, ...segments(issue.path)];
  const secret = issuePath.some((s) => typeof s === 'string' && SECRET_KEYS.has(s));
  return {
    ok: false,
    path: issuePath,
    reason: describeIssue(issue, dig(raw, issue.path), secret),
  };
}

/** The issue for a failed part that was replaced (`replaced` = the path that got the fallback). */
function issueFor(
  failed: Extract<Walked, { ok: false }>,
  replaced: Segment[],
  fallback: unknown,
): RepairIssue {
  const base = fallback === undefined ? 'removed' : `reset to ${fallbackWords(fallback)}`;
  const sameSpot = failed.path.length === replaced.length;
  const action = sameSpot
    ? base
    : fallback === undefined
      ? `removed ${formatPath(replaced)}`
      : `reset ${formatPath(replaced)} to ${fallbackWords(fallback)}`;
  return { path: formatPath(failed.path), reason: failed.reason, action };
}

function fallbackWords(value: unknown): string {
  if (value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'its default list';
  if (value !== null && typeof value === 'object') return 'its defaults';
  return String(value);
}

/** The value a schema gives when the field is absent: its default, or undefined if optional. */
function fallbackOf(schema: Schema): { has: true; value: unknown } | { has: false } {
  const parsed = z.safeParse(schema, undefined);
  // Cloned: zod copies defaults only shallowly, and callers may mutate what they get.
  return parsed.success ? { has: true, value: structuredClone(parsed.data) } : { has: false };
}

function unwrap(schema: Schema): Schema {
  let node = schema;
  while (
    node instanceof z.ZodDefault ||
    node instanceof z.ZodPrefault ||
    node instanceof z.ZodOptional ||
    node instanceof z.ZodNullable
  ) {
    node = node.unwrap();
  }
  return node;
}

function ok(value: unknown): Walked {
  return { ok: true, value, issues: [], unknownKeys: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) return;
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function segments(path: readonly PropertyKey[]): Segment[] {
  return path.map((s) => (typeof s === 'number' ? s : String(s)));
}

function dig(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
