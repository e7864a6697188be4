/** A minimal baseline TIFF writer (8-bit grey, uncompressed, one strip) for the image fixture. */
export function greyTiff(grey: Uint8Array, width: number, height: number, dpi: number): Buffer {
  const entries: [number, number, number, number][] = [
    // tag, type (3 SHORT, 4 LONG, 5 RATIONAL), count, value
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 1, 8],
    [259, 3, 1, 1], // no compression
    [262, 3, 1, 1], // black is zero
    [273, 4, 1, 0], // strip offset, patched below
    [277, 3, 1, 1],
    [278, 4, 1, height],
    [279, 4, 1, grey.length],
    [282, 5, 1, 0], // x resolution, patched
    [283, 5, 1, 0],
    [296, 3, 1, 2], // inch
  ];
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  const ratOffset = ifdOffset + ifdSize;
  const dataOffset = ratOffset + 8;
  const buf = Buffer.alloc(dataOffset + grey.length);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdOffset, 4);
  buf.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach(([tag, type, count, value], i) => {
    const o = ifdOffset + 2 + i * 12;
    buf.writeUInt16LE(tag, o);
    buf.writeUInt16LE(type, o + 2);
    buf.writeUInt32LE(count, o + 4);
    if (tag === 273) buf.writeUInt32LE(dataOffset, o + 8);
    else if (type === 5) buf.writeUInt32LE(ratOffset, o + 8);
    else if (type === 3) buf.writeUInt16LE(value, o + 8);
    else buf.writeUInt32LE(value, o + 8);
  });
  buf.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);
  buf.writeUInt32LE(dpi, ratOffset);
  buf.writeUInt32LE(1, ratOffset + 4);
  Buffer.from(grey).copy(buf, dataOffset);
  return buf;
}
