/**
 * A PNG read straight to grey at a smaller size, for images above the page pixel budget: the
 * compressed data is inflated as a stream and each row is unfiltered, turned grey (transparency
 * over white) and added to its box in the output as it arrives, so memory is the output plus two
 * rows, whatever the image size. Pure JavaScript: a corrupt file is an error, never a crash.
 */
import { createInflate } from 'node:zlib';

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

interface Parsed extends PngInfo {
  palette: Uint8Array | null; // grey of each palette entry, over white
  data: Buffer[]; // IDAT payloads, in order
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function over(v: number, a: number): number {
  return (v * a + 255 * (255 - a) + 127) / 255 | 0;
}

function parse(b: Buffer): Parsed {
  let info: PngInfo | null = null;
  let plte: Buffer | null = null;
  let trns: Buffer | null = null;
  const data: Buffer[] = [];
  for (let o = 8; o + 8 <= b.length; ) {
    const len = b.readUInt32BE(o);
    const type = b.toString('latin1', o + 4, o + 8);
    const body = b.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') info = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colorType: body[9], interlaced: body[12] === 1 };
    else if (type === 'PLTE') plte = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    o += 12 + len;
  }
  if (!info || !(info.colorType in CHANNELS) || ![1, 2, 4, 8, 16].includes(info.bitDepth)) throw new Error('not a PNG this reader knows (header)');
  let palette: Uint8Array | null = null;
  if (info.colorType === 3) {
    if (!plte) throw new Error('palette PNG without a palette');
    palette = new Uint8Array(256).fill(255);
    for (let i = 0; i * 3 + 2 < plte.length; i++) {
      const g = (plte[i * 3] * 77 + plte[i * 3 + 1] * 150 + plte[i * 3 + 2] * 29) >> 8;
      palette[i] = trns && i < trns.length ? over(g, trns[i]) : g;
    }
  }
  return { ...info, palette, data };
}

/** The PNG at `tw` × `th` grey pixels, each the mean of the source pixels in its box. */
export async function pngGreyScaled(bytes: Buffer, tw: number, th: number, out: Uint8Array = new Uint8Array(tw * th)): Promise<Uint8Array> {
  const p = parse(bytes);
  if (p.interlaced) throw new Error('interlaced PNG');
  const { width, height, bitDepth, colorType, palette } = p;
  const channels = CHANNELS[colorType];
  const bitsPerPixel = channels * bitDepth;
  const rowBytes = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3); // filter distance
  const txOf = new Uint32Array(width);
  const colCount = new Uint32Array(tw);
  for (let x = 0; x < width; x++) colCount[(txOf[x] = Math.floor((x * tw) / width))]++;
  const sums = new Float64Array(tw);
  let rowsInBox = 0;
  let ty = 0;
  const flush = () => {
    for (let tx = 0; tx < tw; tx++) out[ty * tw + tx] = Math.round(sums[tx] / (colCount[tx] * rowsInBox));
    sums.fill(0);
    rowsInBox = 0;
  };
  let prev = new Uint8Array(rowBytes);
  let cur = new Uint8Array(rowBytes);
  let filter = -1;
  let pos = 0;
  let y = 0;
  const shift16 = bitDepth === 16 ? 1 : 0;
  const mask = (1 << Math.min(bitDepth, 8)) - 1;
  const row = () => {
    unfilter(filter, cur, prev, bpp);
    const t = Math.floor((y * th) / height);
    if (t !== ty) {
      flush();
      ty = t;
    }
    for (let x = 0; x < width; x++) {
      let v: number;
      if (bitDepth < 8) {
        const bit = x * bitDepth;
        const s = (cur[bit >> 3] >> (8 - bitDepth - (bit & 7))) & mask;
        v = palette ? palette[s] : Math.round((s * 255) / mask);
      } else {
        const i = (x * channels) << shift16; // 16-bit samples: their high byte
        const step = 1 << shift16;
        if (colorType === 0) v = cur[i];
        else if (colorType === 3) v = palette![cur[i]];
        else if (colorType === 4) v = over(cur[i], cur[i + step]);
        else {
          const g = (cur[i] * 77 + cur[i + step] * 150 + cur[i + 2 * step] * 29) >> 8;
          v = colorType === 6 ? over(g, cur[i + 3 * step]) : g;
        }
      }
      sums[txOf[x]] += v;
    }
    rowsInBox++;
    y++;
    [prev, cur] = [cur, prev];
  };
  await new Promise<void>((resolve, reject) => {
    const z = createInflate({ chunkSize: 1 << 20 });
    z.on('data', (chunk: Buffer) => {
      try {
        take(chunk);
      } catch (err) {
        z.destroy();
        reject(err);
      }
    });
    const take = (chunk: Buffer) => {
      for (let i = 0; i < chunk.length && y < height; ) {
        if (filter < 0) {
          filter = chunk[i++];
          pos = 0;
          continue;
        }
        const n = Math.min(rowBytes - pos, chunk.length - i);
        cur.set(chunk.subarray(i, i + n), pos);
        pos += n;
        i += n;
        if (pos === rowBytes) {
          row();
          filter = -1;
        }
      }
    };
    z.on('error', (err) => reject(new Error(`corrupt PNG data (${err.message})`)));
    z.on('end', () => (y < height ? reject(new Error(`PNG data ends at row ${y} of ${height}`)) : resolve()));
    for (const d of p.data) z.write(d);
    z.end();
  });
  if (rowsInBox) flush();
  return out;
}

function unfilter(type: number, cur: Uint8Array, prev: Uint8Array, bpp: number): void {
  const n = cur.length;
  switch (type) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < n; i++) cur[i] = (cur[i] + cur[i - bpp]) & 255;
      return;
    case 2:
      for (let i = 0; i < n; i++) cur[i] = (cur[i] + prev[i]) & 255;
      return;
    case 3:
      for (let i = 0; i < n; i++) cur[i] = (cur[i] + (((i >= bpp ? cur[i - bpp] : 0) + prev[i]) >> 1)) & 255;
      return;
    case 4:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? cur[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        cur[i] = (cur[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 255;
      }
      return;
    default:
      throw new Error(`corrupt PNG data (row filter ${type})`);
  }
}
