/**
 * Image input (PNG, JPEG, TIFF, BMP): size and resolution from the file's own header, so line
 * boxes can be given in points like PDF pages. tesseract.js (Leptonica) decodes these formats
 * itself, inside the WASM sandbox where a corrupt file fails one job instead of the process.
 */
export interface DecodedImage {
  png: Buffer; // what goes to OCR: the file's own bytes (PNG, JPEG, TIFF, BMP), or a grey PGM read smaller
  width: number; // pixels of `png`
  height: number;
  dpi: number; // of `png`
}

import { IMAGE_PIXEL_LIMIT, megapixels, PAGE_PIXEL_BUDGET } from './budget.ts';
import { ImageError } from './errors.ts';
import { pngGreyScaled } from './png.ts';
import { pgmImage } from './preprocess.ts';

/** Assumed when an image does not say (most scanners write it; cameras write 72, meaning nothing). */
export const ASSUMED_DPI = 300;

export interface ImageHeader {
  width: number;
  height: number;
  dpi: number | null;
}

export function pngHeader(b: Buffer): ImageHeader {
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  let dpi: number | null = null;
  for (let o = 8; o + 8 <= b.length; ) {
    const len = b.readUInt32BE(o);
    const type = b.toString('latin1', o + 4, o + 8);
    if (type === 'pHYs' && b[o + 16] === 1) dpi = Math.round(b.readUInt32BE(o + 8) * 0.0254);
    if (type === 'IDAT' || type === 'IEND') break;
    o += 12 + len;
  }
  return { width, height, dpi };
}

export function jpegHeader(b: Buffer): ImageHeader {
  let dpi: number | null = null;
  let o = 2;
  while (o + 4 <= b.length) {
    if (b[o] !== 0xff) {
      o++;
      continue;
    }
    const marker = b[o + 1];
    const len = b.readUInt16BE(o + 2);
    if (marker === 0xe0 && b.toString('latin1', o + 4, o + 9) === 'JFIF\0') {
      const unit = b[o + 11];
      const x = b.readUInt16BE(o + 12);
      if (unit === 1) dpi = x;
      else if (unit === 2) dpi = Math.round(x * 2.54);
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(o + 5), width: b.readUInt16BE(o + 7), dpi };
    }
    o += 2 + len;
  }
  throw new Error('JPEG without a frame header');
}

export function tiffHeader(b: Buffer): ImageHeader {
  const le = b.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const ifd = u32(4);
  const n = u16(ifd);
  let width = 0;
  let height = 0;
  let xres: number | null = null;
  let unit = 2;
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    const tag = u16(e);
    const type = u16(e + 2);
    const val = type === 3 ? u16(e + 8) : u32(e + 8);
    if (tag === 256) width = val;
    else if (tag === 257) height = val;
    else if (tag === 282 && type === 5) xres = u32(val) / (u32(val + 4) || 1);
    else if (tag === 296) unit = val;
  }
  const dpi = xres == null || unit === 1 ? null : Math.round(unit === 3 ? xres * 2.54 : xres);
  return { width, height, dpi };
}

/**
 * Resolution of an image that says none, when its shape is a whole A4 sheet (the usual case for
 * an archive scan): long side ÷ 11.69 in. Null for other shapes (crops, photos).
 */
export function paperDpi(width: number, height: number): number | null {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (Math.abs(long / short - 297 / 210) > 0.03) return null;
  const dpi = Math.round(long / (297 / 25.4));
  return dpi >= 100 && dpi <= 1200 ? dpi : null;
}

function header(bytes: Buffer, mediaType: string): ImageHeader | null {
  try {
    if (mediaType === 'image/png') return pngHeader(bytes);
    if (mediaType === 'image/jpeg') return jpegHeader(bytes);
    if (mediaType === 'image/tiff') return tiffHeader(bytes);
    if (mediaType === 'image/bmp') return { width: bytes.readInt32LE(18), height: Math.abs(bytes.readInt32LE(22)), dpi: Math.round(bytes.readInt32LE(38) * 0.0254) || null };
  } catch {
    return null;
  }
  return null;
}

/** The image as it goes to OCR, and the size it had when it was read at a smaller one. */
export interface ImageForOcr extends DecodedImage {
  scaledFrom?: { width: number; height: number; dpi: number };
}

export async function decodeImage(bytes: Buffer, mediaType: string, path: string): Promise<ImageForOcr> {
  const h = header(bytes, mediaType);
  if (!h || !h.width || !h.height) throw new Error(`${path}: cannot read the ${mediaType} header (corrupt image?)`);
  const kind = mediaType.slice('image/'.length).toUpperCase();
  const pixels = h.width * h.height;
  const size = `${h.width}×${h.height} px (${megapixels(pixels)})`;
  // Refused from the header alone: no decoder is asked to hold this many pixels.
  if (pixels > IMAGE_PIXEL_LIMIT) throw new ImageError('image-too-large', `${path}: the ${kind} image is ${size}, above the ${megapixels(IMAGE_PIXEL_LIMIT)} limit for one image (A0 at 300 dpi is 140 MP): not decoded; scan or export it at a lower resolution`);
  // 72/96 dpi is what software writes when it does not know; treat as unknown.
  const dpi = h.dpi && h.dpi > 100 ? h.dpi : (paperDpi(h.width, h.height) ?? ASSUMED_DPI);
  // Within the budget (or a format read only by the engine, TIFF and BMP) the bytes go to the
  // engine as they are: decoding them here with @napi-rs/canvas would segfault the whole process
  // on a corrupt file, while the engine's own decoder fails one job.
  // (Upsampling 150-dpi page images bought nothing measurable: 0.88 % CER either way.)
  if (pixels <= PAGE_PIXEL_BUDGET || (mediaType !== 'image/png' && mediaType !== 'image/jpeg')) return { png: bytes, width: h.width, height: h.height, dpi };
  // Above the budget, read straight to grey at the largest size that fits, in JavaScript (a
  // corrupt file throws, it cannot crash the process).
  const f = Math.sqrt(PAGE_PIXEL_BUDGET / pixels);
  const width = Math.max(1, Math.floor(h.width * f));
  const height = Math.max(1, Math.floor(h.height * f));
  const { image, pixels: grey } = pgmImage(width, height);
  try {
    if (mediaType === 'image/png') await pngGreyScaled(bytes, width, height, grey);
    else await jpegGreyScaled(bytes, width, height, grey);
  } catch (err: any) {
    if (/interlaced/.test(err?.message)) throw new ImageError('image-unsupported', `${path}: the interlaced PNG image is ${size}, above the ${megapixels(PAGE_PIXEL_BUDGET)} page budget, and an interlaced PNG cannot be read at a smaller size: save it non-interlaced`);
    throw new Error(`${path}: cannot read the ${kind} image (${err?.message ?? err})`);
  }
  return { png: image, width, height, dpi: (dpi * width) / h.width, scaledFrom: { width: h.width, height: h.height, dpi } };
}

/**
 * A JPEG as grey pixels at `width` × `height`, with pdfjs' JavaScript decoder (sampled down from
 * its decoded planes: 2 bytes per sample while decoding, no full-size RGBA).
 */
export async function jpegGreyScaled(bytes: Buffer, width: number, height: number, out: Uint8Array): Promise<void> {
  // @ts-expect-error pdfjs ships no types for its image decoders
  const { JpegImage } = (await import('pdfjs-dist/image_decoders/pdf.image_decoders.mjs')) as any;
  const jpeg = new JpegImage();
  jpeg.parse(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  const grey = jpeg.numComponents === 1;
  const data: Uint8ClampedArray = jpeg.getData({ width, height, forceRGB: !grey });
  if (grey) out.set(data);
  else for (let i = 0, p = 0; i < out.length; i++, p += 3) out[i] = (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
}
