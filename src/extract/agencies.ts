/**
 * Agencies: their mentions in text, and lists of them split into bodies. Their canonical names
 * come from the knowledge layer (src/knowledge/agencies.ts), shared with segment.
 */
import type { Agency } from '../../schemas/document.ts';
import { findProvince, gazetteer } from '../knowledge/gazetteer.ts';
import { canonicalAgency, properAt, startsAgency, type AgencyContext } from '../knowledge/agencies.ts';
import { isPersonName } from '../knowledge/persons.ts';
import { fold } from './text.ts';

export { agencyKind, canonicalAgency, knownNameAt, startsAgency, type AgencyContext, type CanonicalAgency } from '../knowledge/agencies.ts';

// ---- mentions in text ----

const HEAD =
  /(?<![\p{L}])(?:Bộ|Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|HĐND|Hội đồng nhân dân|Văn phòng|VP\.?|Cục|Tổng cục|Đài|Báo|Cổng Thông tin điện tử|Trung tâm|Công an|Bảo hiểm xã hội|Tỉnh ủy|Thành ủy|Thủ tướng Chính phủ|Chính phủ|Quốc hội|Viễn thông|Bưu điện|Kho bạc Nhà nước|Thanh tra|Tập đoàn|Tổng công ty|Bộ phận Một cửa|Bộ phận [Tt]iếp nhận và [Tt]rả kết quả|Ban(?!\s+hành)|STTTT|VPCP)(?![\p{L}])(?!\s+(?:điện tử|số)(?![\p{L}]))/gu;

/** Words that end an agency name: verbs and prepositions that follow it in a sentence. */
const STOP =
  /^(về|theo|để|tại|trong|khi|nhằm|chủ|phối|có|thực|triển|tổ|tham|hướng|ban|đã|sẽ|được|đôn|theo|căn|chịu|biết|là|thì|cho|với|từ|đến|năm|ngày|số|như|gửi|quy|phê|báo|giao|xem|lưu|chỉ|trực|tiếp|đề|hỗ|đăng|cung|xây|giúp|lồng|ưu|phải|nêu|đảm|kiểm|nghiên|rà|cập|các|những|này|đó|của)$/i;

const CONNECT = /^(và|nhân|dân|tỉnh|thành|phố|huyện|quận|thị|xã|phường|cấp|Việt|Nam|-|–|tối|cao|nhà|nước|hành|chính|phủ|điện|tử|thông|tin|truyền|hình|thanh|đào|tạo|đầu|tư|xã|hội|thương|binh|lao|động|du|lịch|thể|thao|văn|hóa|môi|trường|nông|thôn|nghiệp|vận|tải|dựng|y|tế|tài|chính|nội|vụ|pháp|kế|hoạch|công|nghệ|khoa|học|giáo|dục|ngoại|giao|quốc|phòng|an|sát|thủ|tục|kiểm|soát|phục|vụ|giải|quyết|thủ|tục|đạo|ương)$/;

/** Agency mentions in a text: a head word and the name words after it. Offsets are local. */
export function findAgencies(text: string, context: AgencyContext = {}, base = 0): Agency[] {
  const out: Agency[] = [];
  const folded = fold(text);
  let lastEnd = -1;
  for (const m of text.matchAll(HEAD)) {
    const start = m.index!;
    if (start < lastEnd) continue;
    let end = start + m[0].length;
    let nameWords = 0;
    const whole = properAt(folded, start);
    if (whole && start + whole.key.length > end) {
      end = start + whole.key.length;
      nameWords++;
    }
    for (;;) {
      // A known name (expansion, central body, province) continues the mention as a whole.
      let gap = 0; // spaces only: a tab is a table cell boundary
      while (folded[end + gap] === ' ') gap++;
      const known = properAt(folded, end + gap);
      if (gap && known) {
        end += gap + known.key.length;
        nameWords++;
        continue;
      }
      // "UBND các huyện, thị xã, thành phố": a plural level and its list belong to the name.
      const lv = text.slice(end).match(/^(?: +(?:các|cấp))? +(?:huyện|xã|tỉnh|phường|quận|thị xã|thị trấn|thành phố|sở|bộ|ngành)(?:, *(?:ban|ngành|thị xã|thành phố|huyện|xã|phường|thị trấn|quận)(?![\p{L}]))*(?![\p{L}])/u);
      if (lv && /(các|cấp)/u.test(lv[0].split(/ +/)[1] ?? '')) {
        end += lv[0].length;
        nameWords++;
        continue;
      }
      const t = text.slice(end).match(/^ +([^\s,;.:()]+)/);
      if (!t) break;
      const w = t[1]!;
      const capital = /^[\p{Lu}]/u.test(w);
      // After a level word only a place name may follow ("tỉnh Kiên Giang", not "tỉnh thông báo").
      if (!capital && /(?:^|\s)(tỉnh|thành phố|huyện|xã|phường|quận|thị xã)$/u.test(text.slice(start, end))) break;
      if (!capital && (STOP.test(w) || !CONNECT.test(w))) break;
      end += t[0].length;
      nameWords++;
    }
    let raw = text.slice(start, end).replace(/\s+(và|-|–)$/, '');
    // "Chủ tịch Ủy ban nhân dân tỉnh Lâm Minh Thành": what follows the level word is a person, not a place.
    const lvl = raw.match(/^(.*?\s(?:tỉnh|thành phố|huyện))\s+(\S+(?:\s+\S+)*)$/u);
    if (lvl && !findProvince(lvl[2]!) && isPersonName(lvl[2]!)) raw = lvl[1]!;
    if (nameWords === 0 && !/^(UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân|Chính phủ|Thủ tướng Chính phủ|Quốc hội|Tỉnh ủy|Thành ủy|STTTT|VPCP)$/.test(raw)) continue;
    end = start + raw.length;
    lastEnd = end;
    const c = canonicalAgency(raw, context);
    out.push({ text: raw, canonical: c.canonical, kind: c.kind, province: c.province, prov: { start: base + start, end: base + end, page: null, section: null } });
  }
  return out;
}

/**
 * Split a cell or heading that lists agencies: on ";" and bullets always, on "," only where the
 * next part starts a new body ("Sở Nội vụ, Sở Tài chính"; not "Sở Văn hóa, Thể thao và Du lịch").
 */
export function splitAgencies(s: string): string[] {
  // Bullets split only where a new body follows: "Đài Phát thanh - Truyền hình An Giang" is one.
  const parts = s
    .split(/\s*;\s*|\s*\n\s*/)
    .flatMap((p) => p.split(/(?:^|\s)[-–•+]\s+(?=\S)/).reduce<string[]>((acc, piece, i) => {
      if (i === 0 || !acc.length || startsAgency(piece) || /^(các|những)\s/u.test(piece)) acc.push(piece);
      else acc[acc.length - 1] += ' - ' + piece;
      return acc;
    }, []))
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    let cur = '';
    let depth = 0;
    let i = 0;
    const pieces: string[] = [];
    for (; i < p.length; i++) {
      const ch = p[i]!;
      if (ch === '(') depth++;
      if (ch === ')') depth = Math.max(0, depth - 1);
      if (ch === ',' && depth === 0) {
        const next = p.slice(i + 1).trimStart();
        if (startsAgency(next)) {
          pieces.push(cur);
          cur = '';
          continue;
        }
      }
      cur += ch;
    }
    pieces.push(cur);
    for (const x of pieces) {
      const t = x.replace(/^[\s\-–•+]+/, '').replace(/[\s;,.:]+$/, '').trim();
      if (t) out.push(t);
    }
  }
  return out;
}

