/**
 * File names are bytes on Linux and need not be UTF-8. vanban keeps every path as a string
 * (stored, printed, searched): valid UTF-8 as it is, each byte that is not part of a valid
 * UTF-8 sequence as `\xNN` (two lowercase hex digits), and a backslash that would read as the
 * start of such an escape as `\\`. So `caf\xe9.txt` is the Latin-1 name "café.txt", ordinary
 * names are unchanged, and `fsPath` gives back the exact bytes to open the file with.
 * On Windows names are Unicode already: paths are used as they are.
 */
import { utf8Length } from './utf8.ts';

const ESCAPING = process.platform !== 'win32';

const HEX = /^x[0-9a-fA-F]{2}/;

/** The readable, reversible string form of a path given as bytes. */
export function pathFromBytes(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!ESCAPING) return buf.toString('utf8');
  // Units: decoded text, or a byte to escape.
  const units: (string | number)[] = [];
  for (let i = 0; i < buf.length; ) {
    const n = utf8Length(buf, i);
    if (n === 0) units.push(buf[i++]);
    else {
      units.push(buf.toString('utf8', i, i + n));
      i += n;
    }
  }
  let out = '';
  units.forEach((u, k) => {
    if (typeof u === 'number') out += `\\x${u.toString(16).padStart(2, '0')}`;
    else if (u === '\\') {
      const next = units[k + 1];
      const after = units.slice(k + 1, k + 4).map((x) => (typeof x === 'string' ? x : '\\')).join('');
      out += typeof next === 'number' || next === '\\' || HEX.test(after) ? '\\\\' : '\\';
    } else out += u;
  });
  return out;
}

/** The string form of a path Node gave as a string (argv, globs): the same unless it has backslashes. */
export function pathFromString(path: string): string {
  return ESCAPING && path.includes('\\') ? pathFromBytes(Buffer.from(path)) : path;
}

/** What to open: the path itself, or its bytes when it has escapes. */
export function fsPath(path: string): string | Buffer {
  if (!ESCAPING || !path.includes('\\')) return path;
  const out: Buffer[] = [];
  let literal = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '\\') {
      literal += '\\';
      i++;
    } else if (path[i] === '\\' && HEX.test(path.slice(i + 1, i + 4))) {
      out.push(Buffer.from(literal), Buffer.from([parseInt(path.slice(i + 2, i + 4), 16)]));
      literal = '';
      i += 3;
    } else literal += path[i];
  }
  out.push(Buffer.from(literal));
  const bytes = Buffer.concat(out);
  // Node takes a string path as UTF-8: keep the string when it is the same name.
  const text = bytes.toString('utf8');
  return Buffer.from(text).equals(bytes) ? text : bytes;
}
