/**
 * Repair text typed in a TCVN3 or VNI font and saved/pasted as if it were Windows-1252
 * ("Céng hoµ x· héi" = Cộng hoà xã hội, "Vieät Nam" = Việt Nam), and UTF-8 read as
 * Windows-1252 and saved again ("Cá»™ng hÃ²a" = Cộng hòa). Line by line, and only when the
 * re-decoded line reads as clearly more Vietnamese than the line as it is.
 */
import { decodeTcvn3, decodeVni, encodeCp1252, scoreVietnamese } from './legacy.ts';

// Latin-1/Windows-1252 characters that are not Vietnamese letters in Unicode text but are
// what TCVN3/VNI letters look like under Windows-1252 (µ ¸ ¹ § ® ¬ « Ë Ö ñ ø …).
const SUSPECT = /[\u0080-\u00bf\u00c4-\u00c8\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db-\u00df\u00e4-\u00e8\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb-\u00fc\u00fe\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g;

export type MojibakeSource = 'tcvn3' | 'vni' | 'utf-8';

/** UTF-8 bytes that were read as Windows-1252 and saved again as UTF-8 ("Cá»™ng hÃ²a"). */
function decodeUtf8Strict(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return '';
  }
}

export function repairMojibakeLine(line: string): { text: string; encoding: MojibakeSource } | null {
  const suspects = line.match(SUSPECT);
  if (!suspects || suspects.length < 2) return null;
  const whole = repairSpan(line);
  if (whole !== undefined) return whole;
  // The line also holds letters Windows-1252 cannot (real Unicode beside the font text, as when
  // a heading in a Unicode font sits next to .VnTime text): repair each stretch on its own.
  let encoding: MojibakeSource | null = null;
  const text = line.replace(CP1252_RUN, (run) => {
    const r = repairSpan(run);
    if (!r) return run;
    encoding ??= r.encoding;
    return r.text;
  });
  return encoding ? { text, encoding } : null;
}

// Stretches of characters Windows-1252 can encode (ASCII, Latin-1, its 0x80–0x9F punctuation).
const CP1252_RUN = /[\u0000-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]+/g;

/** undefined: the span is not all Windows-1252; null: nothing to repair. */
function repairSpan(span: string): { text: string; encoding: MojibakeSource } | null | undefined {
  const bytes = encodeCp1252(span);
  if (!bytes) return undefined;
  const suspects = span.match(SUSPECT);
  if (!suspects || suspects.length < 2) return null;
  const before = scoreVietnamese(span);
  if (before.invalid === 0) return null;
  let best: { text: string; encoding: MojibakeSource; gain: number } | null = null;
  for (const [encoding, decode] of [['tcvn3', decodeTcvn3], ['vni', decodeVni], ['utf-8', decodeUtf8Strict]] as const) {
    const text = decode(bytes);
    if (text === '') continue;
    const after = scoreVietnamese(text);
    // Clearly better: more real syllables, fewer non-words, and non-words are now rare.
    if (after.valid >= before.valid + 2 && after.invalid < before.invalid && after.invalid * 4 <= after.valid) {
      const gain = after.valid - after.invalid * 2;
      if (!best || gain > best.gain) best = { text, encoding, gain };
    }
  }
  return best && { text: best.text, encoding: best.encoding };
}
