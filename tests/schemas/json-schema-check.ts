/**
 * A JSON Schema check for the tests, for the keywords `z.toJSONSchema` writes into
 * schemas/json/ (type, properties, required, additionalProperties, items, minItems, maxItems,
 * anyOf, enum, const, minimum, maximum, propertyNames). Any other keyword throws: a schema this cannot read must
 * not pass unchecked. No validator package is installed; this reads the published files as a
 * client outside TypeScript would.
 *
 * `seen` collects the schema locations of the object properties a value exercised, so a test
 * can tell that its examples reach every field (`propertyLocations` lists them all).
 */
type Schema = Record<string, any>;

const KNOWN = new Set(['$schema', 'type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'anyOf', 'enum', 'const', 'minimum', 'maximum', 'propertyNames']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function hasType(v: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(v);
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeOf(v) === type;
}

/** Problems of `value` against `schema`, each "path: reason"; empty when it conforms. */
export function checkJson(schema: Schema, value: unknown, path = '$', at = '#', seen?: Set<string>): string[] {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`${at}: JSON Schema keyword "${k}" not understood by this check`);
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types: string[] = [].concat(schema.type);
    if (!types.some((t) => hasType(value, t))) return [`${path}: ${JSON.stringify(value)?.slice(0, 60)} is not ${types.join(' or ')}`];
  }
  if (schema.enum && !schema.enum.some((e: unknown) => e === value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: ${value} > ${schema.maximum}`);
  }
  if (schema.anyOf) {
    // The first branch that fits; what it saw counts, what failing branches saw does not.
    let fit = false;
    for (let i = 0; i < schema.anyOf.length && !fit; i++) {
      const mine = new Set<string>();
      if (!checkJson(schema.anyOf[i], value, path, `${at}/anyOf/${i}`, mine).length) {
        fit = true;
        for (const s of mine) seen?.add(s);
      }
    }
    if (!fit) errors.push(`${path}: fits none of ${schema.anyOf.length} alternatives (${schema.anyOf.map((s: Schema) => s.type ?? '?').join(', ')})`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
  }
  if (typeOf(value) === 'array' && schema.items) {
    (value as unknown[]).forEach((v, i) => errors.push(...checkJson(schema.items, v, `${path}[${i}]`, `${at}/items`, seen)));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props: Record<string, Schema> = schema.properties ?? {};
    for (const k of schema.required ?? []) if (!(k in obj)) errors.push(`${path}: key "${k}" missing`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) {
        seen?.add(`${at}/properties/${k}`);
        errors.push(...checkJson(props[k], v, `${path}.${k}`, `${at}/properties/${k}`, seen));
      } else if (schema.additionalProperties === false) errors.push(`${path}: key "${k}" not in the schema`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...checkJson(schema.additionalProperties, v, `${path}.${k}`, `${at}/additionalProperties`, seen));
      if (schema.propertyNames) errors.push(...checkJson(schema.propertyNames, k, `${path} key "${k}"`, `${at}/propertyNames`, seen));
    }
  }
  return errors;
}

/** Schema locations of every object property in `schema` (as `checkJson` records them). */
export function propertyLocations(schema: Schema, at = '#'): string[] {
  const out: string[] = [];
  for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) out.push(`${at}/properties/${k}`, ...propertyLocations(s, `${at}/properties/${k}`));
  if (schema.items && schema.maxItems !== 0) out.push(...propertyLocations(schema.items, `${at}/items`));
  (schema.anyOf ?? []).forEach((s: Schema, i: number) => out.push(...propertyLocations(s, `${at}/anyOf/${i}`)));
  return out;
}
