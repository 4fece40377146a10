import { z } from 'zod';

/** One node of a schema tree, for sweeps and the docs check. */
export interface SchemaNode {
  /** As docs/settings.md writes it: `sources.custom[].url`, `serviceOverrides.<service>.videoQuality`. */
  docPath: string;
  /** A concrete path into a sample value: list index 0, record key `sampleKey`. */
  segments: (string | number)[];
  /** Index in `segments` of the nearest list entry or record entry at or above this node; -1 if none. */
  entryDepth: number;
  kind: 'leaf' | 'object' | 'array' | 'record';
  schema: z.core.$ZodType;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
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

/** Every node under `schema` (not the root itself), depth first. */
export function schemaNodes(
  schema: z.core.$ZodType,
  options: { recordPlaceholder: string; sampleKey: string },
  docPath = '',
  segments: (string | number)[] = [],
  entryDepth = -1,
): SchemaNode[] {
  const node = unwrap(schema);
  const nodes: SchemaNode[] = [];
  const join = (key: string) => (docPath ? `${docPath}.${key}` : key);
  if (node instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(node.shape)) {
      const childSegments = [...segments, key];
      nodes.push(describe(child, join(key), childSegments, entryDepth));
      nodes.push(...schemaNodes(child, options, join(key), childSegments, entryDepth));
    }
  } else if (node instanceof z.ZodArray) {
    const childSegments = [...segments, 0];
    const depth = childSegments.length - 1;
    nodes.push(describe(node.element, `${docPath}[]`, childSegments, depth));
    nodes.push(...schemaNodes(node.element, options, `${docPath}[]`, childSegments, depth));
  } else if (node instanceof z.ZodRecord) {
    const childSegments = [...segments, options.sampleKey];
    const depth = childSegments.length - 1;
    const childDoc = join(options.recordPlaceholder);
    nodes.push(describe(node.valueType, childDoc, childSegments, depth));
    nodes.push(...schemaNodes(node.valueType, options, childDoc, childSegments, depth));
  }
  return nodes;
}

function describe(
  schema: z.core.$ZodType,
  docPath: string,
  segments: (string | number)[],
  entryDepth: number,
): SchemaNode {
  const node = unwrap(schema);
  const kind =
    node instanceof z.ZodObject
      ? 'object'
      : node instanceof z.ZodArray
        ? 'array'
        : node instanceof z.ZodRecord
          ? 'record'
          : 'leaf';
  return { docPath, segments, entryDepth, kind, schema };
}
