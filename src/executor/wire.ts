/**
 * BatchTask and BatchResult as JSON text, for a trip through Redis to another host. Structured
 * clone (the pool's path) keeps every value as it is; JSON would not, so what JSON loses is tagged:
 * typed arrays travel as base64 of their bytes (every double exactly, −0 and NaN payloads
 * included), NaN, ±Infinity and −0 as names, undefined as a tag. Decoding gives back a value that
 * a batch cannot tell from the original, which is what keeps a remote run bit-identical to a local
 * one.
 */
import { endianness } from 'node:os';

const TAG = '__nbm';

type TypedArrayName = 'Float64Array' | 'Float32Array' | 'Int32Array' | 'Uint32Array' | 'Int16Array' | 'Uint16Array' | 'Int8Array' | 'Uint8Array';
const TYPED: Record<TypedArrayName, { BYTES_PER_ELEMENT: number; new (buffer: ArrayBufferLike): ArrayBufferView }> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array,
};

// Typed arrays travel as their bytes in this host's byte order; a big-endian host would read them
// wrongly, so it refuses instead.
if (endianness() !== 'LE') throw new Error('no-bad-minima: the Redis executor needs a little-endian host');

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { [TAG]: 'NaN' };
    if (value === Infinity) return { [TAG]: 'Infinity' };
    if (value === -Infinity) return { [TAG]: '-Infinity' };
    if (Object.is(value, -0)) return { [TAG]: '-0' };
    return value;
  }
  if (value === undefined) return { [TAG]: 'undefined' };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedArrayName;
    if (!(name in TYPED)) throw new Error(`wire: cannot encode a ${name}`);
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    const shared = typeof SharedArrayBuffer !== 'undefined' && value.buffer instanceof SharedArrayBuffer;
    return { [TAG]: name, shared, b64: bytes.toString('base64') };
  }
  if (typeof value === 'function') throw new Error('wire: cannot encode a function');
  return value;
}

/** The `undefined` tag: JSON.parse's reviver drops a property it returns undefined for, so a pass after it restores them. */
const UNDEFINED = Symbol('undefined');

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(TAG in value)) return value;
  const tag = (value as Record<string, unknown>)[TAG];
  switch (tag) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    case 'undefined':
      return UNDEFINED;
    default: {
      const Ctor = TYPED[tag as TypedArrayName];
      if (Ctor === undefined) throw new Error(`wire: unknown tag ${String(tag)}`);
      const { shared, b64 } = value as unknown as { shared: boolean; b64: string };
      const bytes = Buffer.from(b64, 'base64');
      // A fresh, aligned buffer of the array's own (Buffer.from may slice a shared pool at any offset).
      const buffer = shared ? new SharedArrayBuffer(bytes.length) : new ArrayBuffer(bytes.length);
      new Uint8Array(buffer).set(bytes);
      return new Ctor(buffer);
    }
  }
}

function restoreUndefined(value: unknown): unknown {
  if (value === UNDEFINED) return undefined;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreUndefined(value[i]);
    return value;
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = restoreUndefined(o[k]);
  return o;
}

/**
 * A plain-data value (objects, arrays, numbers, strings, booleans, null, undefined, typed arrays)
 * as JSON text.
 *
 * @example
 * decode(encode({ z: new Float64Array([-0, NaN]) })); // { z: Float64Array [-0, NaN] }
 */
export function encode(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** The value `encode` was given. */
export function decode<T = unknown>(text: string): T {
  return restoreUndefined(JSON.parse(text, reviver)) as T;
}

/**
 * The path of the first function in a value (a problem built from in-process functions), or null.
 * Such a problem cannot travel to another host: only module references can.
 *
 * @example
 * functionPath({ objective: { evaluate: () => 0 } }, 'problem'); // 'problem.objective.evaluate'
 */
export function functionPath(value: unknown, path: string, seen = new Set<unknown>()): string | null {
  if (typeof value === 'function') return path;
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || seen.has(value)) return null;
  seen.add(value);
  for (const [k, v] of Object.entries(value)) {
    const found = functionPath(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`, seen);
    if (found !== null) return found;
  }
  return null;
}
