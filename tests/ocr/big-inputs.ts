/** Large inputs made at test time, small on disk: a huge mostly blank PDF page and PNGs. */
import { createWriteStream } from 'node:fs';
import { crc32, deflateRawSync, deflateSync, constants } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** A one-page PDF `sizePt` points square with a couple of words (too few for a text layer: OCR'd). */
export function bigPagePdf(path: string, sizePt: number, words = 'Quyết định'): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [sizePt, sizePt], margin: 0, info: { CreationDate: new Date(0) } });
    const out = createWriteStream(path);
    out.on('finish', resolve).on('error', reject);
    doc.pipe(out);
    doc.fontSize(sizePt / 20).text(words.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'), sizePt / 10, sizePt / 10);
    doc.end();
  });
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

function ihdr(width: number, height: number, colorType: number): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b[8] = 8; // bit depth
  b[9] = colorType;
  return b;
}

function png(width: number, height: number, colorType: number, zdata: Buffer): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr(width, height, colorType)), chunk('IDAT', zdata), chunk('IEND', Buffer.alloc(0))]);
}

/** An 8-bit PNG (grey, or RGB when `channels` is 3) of the given rows (filter bytes included). */
export function pngOf(width: number, height: number, raw: Buffer, channels: 1 | 3 = 1): Buffer {
  return png(width, height, channels === 3 ? 2 : 0, deflateSync(raw));
}

function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    a = (a + b[i]) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

/** adler32 of two pieces from theirs (zlib's adler32_combine). */
function adlerCombine(a1: number, a2: number, len2: number): number {
  const BASE = 65521;
  const rem = len2 % BASE;
  let sum1 = a1 & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (a2 & 0xffff) + BASE - 1;
  sum2 += ((a1 >>> 16) & 0xffff) + ((a2 >>> 16) & 0xffff) + BASE - rem;
  sum1 %= BASE;
  sum2 %= BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * A white grey PNG of any size without holding its pixels: one band of rows is deflated on its
 * own (sync-flushed, so pieces concatenate) and repeated; the checksum is combined arithmetically.
 */
export function blankPng(width: number, height: number): Buffer {
  const band = Math.max(1, Math.min(height, Math.floor((16 << 20) / (width + 1))));
  const pieces: Buffer[] = [Buffer.from([0x78, 0x9c])];
  let adler = 1;
  const add = (rows: number, times: number) => {
    const raw = Buffer.alloc(rows * (width + 1), 255);
    for (let r = 0; r < rows; r++) raw[r * (width + 1)] = 0; // filter type: none
    const piece = deflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
    const a = adler32(raw);
    for (let i = 0; i < times; i++) {
      pieces.push(piece);
      adler = adlerCombine(adler, a, raw.length);
    }
  };
  add(band, Math.floor(height / band));
  if (height % band) add(height % band, 1);
  pieces.push(Buffer.from([0x03, 0x00])); // final empty block
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(adler);
  pieces.push(tail);
  return png(width, height, 0, Buffer.concat(pieces));
}

/**
 * A white grey PNG `width` × `height` with `grey` (w × h pixels) drawn at (left, top), each pixel
 * repeated `zoom` times both ways: a large poster-like image with some real print on it.
 */
export function posterPng(width: number, height: number, grey: Uint8Array, w: number, h: number, zoom: number, left: number, top: number): Buffer {
  const stride = width + 1;
  const raw = Buffer.alloc(stride * height, 255);
  for (let y = 0; y < height; y++) raw[y * stride] = 0;
  for (let y = 0; y < h * zoom && top + y < height; y++) {
    const src = Math.floor(y / zoom) * w;
    const dst = (top + y) * stride + 1 + left;
    for (let x = 0; x < w * zoom && left + x < width; x++) raw[dst + x] = grey[src + Math.floor(x / zoom)];
  }
  return pngOf(width, height, raw);
}
