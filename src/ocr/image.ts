/**
 * Image input (PNG, JPEG, TIFF, BMP): size and resolution from the file's own header, so line
 * boxes can be given in points like PDF pages. tesseract.js (Leptonica) decodes these formats
 * itself, inside the WASM sandbox where a corrupt file fails one job instead of the process.
 */
export interface DecodedImage {
  png: Buffer; // what goes to OCR: the file's own bytes (PNG, JPEG, TIFF, BMP)
  width: number; // pixels of `png`
  height: number;
  dpi: number; // of `png`
}

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

export async function decodeImage(bytes: Buffer, mediaType: string, path: string): Promise<DecodedImage> {
  const h = header(bytes, mediaType);
  if (!h || !h.width || !h.height) throw new Error(`${path}: cannot read the ${mediaType} header (corrupt image?)`);
  // 72/96 dpi is what software writes when it does not know; treat as unknown.
  const dpi = h.dpi && h.dpi > 100 ? h.dpi : (paperDpi(h.width, h.height) ?? ASSUMED_DPI);
  // The bytes go to the engine as they are: decoding them here with @napi-rs/canvas would
  // segfault the whole process on a corrupt file, while the engine's own decoder fails one job.
  // (Upsampling 150-dpi page images bought nothing measurable: 0.88 % CER either way.)
  return { png: bytes, width: h.width, height: h.height, dpi };
}
