/**
 * The named patterns of the Decree 30/2020/NĐ-CP layout. Every pattern here has examples it
 * must and must not match in tests/segment/patterns.test.ts.
 */
import { TYPE_TITLES } from './codes.ts';
import { fold } from '../knowledge/fold.ts';
import { naming } from '../knowledge/naming.ts';

/** Quốc hiệu, possibly embedded in a flattened two-column line. */
// Any marks on the vowels: restoration of a header typed without marks may misplace them ("Công hòa").
export const QUOC_HIEU = /C\p{L}NG H\p{L}{2} X\p{L} H\p{L}I CH\p{L} NGH\p{L}A VI\p{L}T NAM/iu;
/** The quốc hiệu and tiêu ngữ as words, folded (dashes spaced), to recognise a fragment of either. */
export const QUOC_HIEU_WORDS = 'cong hoa xa hoi chu nghia viet nam';
export const TIEU_NGU_WORDS = 'doc lap - tu do - hanh phuc';
/** Tiêu ngữ. */
export const TIEU_NGU = /[ĐD]\p{L}c l\p{L}p\s*[-–—]\s*T\p{L} do\s*[-–—]\s*H\p{L}nh ph\p{L}c/iu;
/**
 * "Số: 7260/VP-KGVX", "Số:857/QĐ-UBND", "Số: /QĐ-UBND", and a Party number without the colon
 * ("Số 445-KL/TU"); group 1 is what follows. Inside a line the label starts a column, so it is
 * not preceded by a lower-case word ("Tổng số: 15" is a count, not a số/ký hiệu).
 */
export const SO_LINE = /(?:^|(?<![\p{Ll}\d,;:]\s*)\s)(?:[Ss][ốôoỐÔO])\s*(?:[:.]|hiệu\s*:|\s(?=\d[\d.]*\s*-\s*\p{Lu}))\s*(.*)$/u;
/** A số/ký hiệu label opening a line ("Số: …", "Số 445-KL/TU"). */
export const SO_START = /^[Ss][ốôoỐÔO]\s*(?::|\s+\d[\d.]*\s*-\s*\p{Lu})/u;
/** The Party's banner, standing where the quốc hiệu stands in a Party committee's header. */
export const PARTY_BANNER = /Đ[ẢA]NG C[ỘO]NG S[ẢA]N VI[ỆE]T NAM/iu;
/** The national name a mass organisation prints where the quốc hiệu stands in a state document
 *  (the Youth Union's, "HỘI NÔNG DÂN VIỆT NAM", "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM"): a whole cell
 *  only, since its bodies' names hold the same words ("BAN CHẤP HÀNH ĐOÀN TNCS HỒ CHÍ MINH TỈNH …"). */
export const MASS_ORG_BANNER =
  /(?<=^|\|)\s*(?:Đ[OÒ]ÀN\s+(?:TNCS|THANH NI[ÊE]N C[ỘO]NG S[ẢA]N)\s+H[ỒO] CH[ÍI] MINH|H[ỘO]I\s+(?:N[ÔO]NG D[ÂA]N|LI[ÊE]N HI[ỆE]P PH[ỤU] N[ỮU]|C[ỰU]U CHI[ẾE]N BINH)\s+VI[ỆE]T NAM)\s*(?=\||$)/giu;
/**
 * A draft's, an urgency's or a secrecy mark stamped in the header (Decree 30: "DỰ THẢO", "HỎA
 * TỐC", "THƯỢNG KHẨN", "KHẨN", "MẬT", "TỐI MẬT", "TUYỆT MẬT"), standing alone in its cell or
 * between the columns: never a part of the issuer's name beside it.
 */
const MARKS = 'D[ỰU] TH[ẢA]O(?: L[ẦA]N \\d+)?|H(?:OẢ|ỎA|OA) T[ỐO]C|TH[ƯU][ỢO]NG KH[ẨA]N|KH[ẨA]N|T[ỐO]I M[ẬA]T|TUY[ỆE]T M[ẬA]T|M[ẬA]T';
export const HEADER_MARK = new RegExp(`(^|\\||\\t|\\s{2,})\\s*\\(?(?:${MARKS})\\)?\\s*(?=$|\\||\\t|\\s{2,})`, 'giu');
/** The same mark after a type's title ("CÔNG ĐIỆN KHẨN", "CÔNG VĂN HỎA TỐC"). */
const TITLE_MARK = new RegExp(`\\s+(?:${MARKS})$`, 'u');
/** A rule drawn under a header name ("-------", "–––", "_____"), glued to it or alone. */
export const RULE = /[-–—_=]{3,}|[–—]{2,}/gu;
/** A rule of dashes only (where underscores are blanks to fill). */
export const DASH_RULE = /[-–—]{3,}|[–—]{2,}/gu;
/** "Kiên Giang, ngày 17 tháng 11 năm 2020", "Bà Rịa - Vũng Tàu, ngày …" (day/month may be blank in drafts). */
export const PLACE_DATE =
  /(?:^|\s|\|)([\p{Lu}][\p{L}.]*(?:(?: - | )[\p{L}.]+){0,6}?)\s*,\s*ng[àa]y\s+(\d{1,2}|[.…_ ]*|\S{1,3}?)\s*th[áa]ng\s+(\d{1,2}|[.…_ ]*)\s*n[ăa]m\s+(\d{4})/u;
/** "V/v thực hiện …" — a công văn's subject. */
export const VV = /^V\/v[:.]?\s*(.*)$/iu;
export const KINH_GUI = /^Kính\s+gửi\s*:?\s*(.*)$/iu;
/** A Công điện's address line, its sender in capitals: "THỦ TƯỚNG CHÍNH PHỦ điện:", "BAN CHỈ HUY … TỈNH X điện:". */
export const DIEN_GUI = /^\p{Lu}[\p{Lu}\s,.\-–]*\p{Lu}\s+điện\s*:\s*(.*)$/u;
/** "./." closing the body, maybe followed by a typist's initials ("./. ltram"). */
export const CLOSING_MARK = /\.\/\.\s*\S{0,20}$/;
export const NOI_NHAN = /^N[ơo]i\s+nh[ậa]n\s*:?\s*(.*)$/iu;
/** "(Ban hành kèm theo Quyết định số …)", "(Kèm theo Kế hoạch số …)". */
export const ATTACHED = /^\(?\s*(?:Ban hành\s+)?kèm theo\s+(.*?)\)?\s*$/iu;
/** Signing authority prefixes; Party documents write them with a slash and no period ("T/M BAN THƯỜNG VỤ"). */
export const AUTHORITY_PREFIXES = String.raw`KT|TM|TL|TUQ|Q|T\/M|K\/T|T\/L`;
export const AUTHORITY = new RegExp(String.raw`^(${AUTHORITY_PREFIXES})(?:\s*\.\s*|(?<=\/\p{Lu})\s+)(.+)$`, 'u');
/** The enactment formula "QUYẾT ĐỊNH:" / "QUYẾT NGHỊ:" (with the colon: not a title). */
export const ENACTMENT = /^(QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ|NGHỊ QUYẾT)\s*:\s*$/u;
/** Preamble lines. */
export const PREAMBLE = /^(Căn cứ|Thực hiện|Xét đề nghị|Theo đề nghị|Xét|Theo)(?![\p{L}\p{N}])/u;


/** A standalone title line naming the document type: "KẾ HOẠCH", "## KẾ HOẠCH", "**QUYẾT ĐỊNH**". */
export function typeTitle(text: string): string | null {
  if (/[:;]$/.test(text)) return null;
  const t = text.replace(/[.\s]+$/, '').replace(TITLE_MARK, '');
  if (!t || t !== t.toUpperCase()) return null;
  const hit = TYPE_TITLES.get(fold(t));
  if (hit) return hit;
  // A type and a word that only qualifies it ("CHƯƠNG TRÌNH HÀNH ĐỘNG", naming.json typeQualifiers);
  // "KẾ HOẠCH THỰC HIỆN" opens a subject written in capitals.
  const f = fold(t);
  const qualified = qualifiedType(f);
  if (qualified) return qualified.type;
  // OCR splits a title's letters ("K ÉT LUẬN", "NGH Ị QUYẾT"): a lone letter is read with its neighbours
  return /(?:^|\s)\p{L}(?:\s|$)/u.test(t) && t.length <= 30 ? (TYPE_TITLES_UNSPACED.get(fold(t).replace(/\s+/g, '')) ?? null) : null;
}
/** The qualifier a type title ends with ("CHƯƠNG TRÌNH HÀNH ĐỘNG" → "hành động"), in lower case; else null. */
export function titleQualifier(text: string): string | null {
  const t = text.replace(/[.\s]+$/, '');
  const q = qualifiedType(fold(t))?.qualifier;
  return q ? t.slice(t.length - q.length).toLowerCase() : null;
}
/** A folded title that is a type and a qualifier of it ("chuong trinh hanh dong"): both, else null. */
function qualifiedType(folded: string): { type: string; qualifier: string } | null {
  for (const q of typeQualifiers()) {
    if (!folded.endsWith(` ${q}`)) continue;
    const type = TYPE_TITLES.get(folded.slice(0, -q.length - 1));
    if (type) return { type, qualifier: q };
  }
  return null;
}
let qualifiers: string[] | null = null;
const typeQualifiers = () => (qualifiers ??= naming().typeQualifiers.map((q) => fold(q)));
const TYPE_TITLES_UNSPACED = new Map([...TYPE_TITLES].map(([k, v]) => [k.replace(/\s+/g, ''), v]));

// ---- body markers ----
/** "II. …", "IV) …", "III/ …"; "V/v …" (về việc) is a subject, not part V. */
export const ROMAN = /^([IVXLC]{1,6})\s*(?:[.)-]|\/(?![vV](?![\p{L}\p{N}])))\s*(.*)$/u;
// The numeral ends the word: with the case-blind flag "l", "c" are Roman digits, and "Phần lớn",
// "Phần còn lại", "Chương cũ" are sentences, not headings.
export const PART = /^Phần\s+(thứ\s+[\p{L}]+|[IVXLC]+|\d+)(?![\p{L}\p{N}])\s*[.:-]?\s*(.*)$/iu;
export const CHAPTER = /^Chương\s+([IVXLC]+|\d+)(?![\p{L}\p{N}])\s*[.:-]?\s*(.*)$/iu;
export const SECTION = /^Mục\s+(\d+)\s*[.:-]\s*(.*)$/u;
export const ARTICLE = /^Điều\s+(\d+)\s*[.:]\s*(.*)$/u;
export const CLAUSE = /^(\d{1,2})\s*[.)]\s+(.*)$/u;
/** "a)" … "đ)"; "¢)" is how OCR reads "c)". */
export const POINT = /^([a-zđ¢])\s*\)\s*(.*)$/u;
export const BULLET = /^([-–•+*])\s+(.*)$/u;
