/**
 * Every named pattern of the Decree 30/2020/NĐ-CP layout, with lines it must read (and what it
 * captures) and lines it must leave alone. The examples are the shapes real documents take: a
 * header flattened into one line, OCR text without marks, drafts with blank dates.
 */
import { describe, expect, it } from 'vitest';
import {
  ARTICLE, ATTACHED, AUTHORITY, BULLET, CHAPTER, CLAUSE, CLOSING_MARK, ENACTMENT, KINH_GUI, NOI_NHAN, PART, PLACE_DATE, POINT,
  PREAMBLE, QUOC_HIEU, ROMAN, SECTION, SO_LINE, TIEU_NGU, VV, typeTitle,
} from '../../src/segment/patterns.ts';
import { marker } from '../../src/segment/body.ts';

/** For each line: the groups the pattern captures (from group 1), or null when it must not match. */
type Cases = [string, (string | undefined)[] | null][];

function check(name: string, re: RegExp, cases: Cases): void {
  describe(name, () => {
    it.each(cases)('%j', (line, groups) => {
      const m = re.exec(line);
      if (groups === null) expect(m).toBeNull();
      else {
        expect(m).not.toBeNull();
        expect(m!.slice(1, 1 + groups.length)).toEqual(groups);
      }
    });
  });
}

check('QUOC_HIEU', QUOC_HIEU, [
  ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', []],
  ['ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', []],
  ['CONG HOA XA HOI CHU NGHIA VIET NAM', []],
  ['Cộng hòa xã hội chủ nghĩa Việt Nam', []],
  ['CỘNG HÒA DÂN CHỦ NHÂN DÂN LÀO', null],
  ['NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA', null],
]);

check('TIEU_NGU', TIEU_NGU, [
  ['Độc lập - Tự do - Hạnh phúc', []],
  ['Độc lập – Tự do – Hạnh phúc', []],
  ['Độc lập-Tự do-Hạnh phúc', []],
  ['Đoc lap - Tu do - Hanh phuc', []],
  ['Độc lập, tự do, hạnh phúc', null],
  ['vì hạnh phúc của nhân dân', null],
]);

check('SO_LINE', SO_LINE, [
  ['Số: 7260/VP-KGVX', ['7260/VP-KGVX']],
  ['Số:857/QĐ-UBND', ['857/QĐ-UBND']],
  ['Số: /QĐ-UBND', ['/QĐ-UBND']],
  ['Số hiệu: 12/2021/NQ-HĐND', ['12/2021/NQ-HĐND']],
  ['So: 45/KH-UBND', ['45/KH-UBND']],
  ['SỞ TÀI CHÍNH    Số: 1203/STC-QLNS', ['1203/STC-QLNS']],
  ['Sở Tài chính', null],
  ['Số lượng hồ sơ tiếp nhận: 12', null],
  ['Hồ sơ: 12 bộ', null],
]);

check('PLACE_DATE', PLACE_DATE, [
  ['Kiên Giang, ngày 17 tháng 11 năm 2020', ['Kiên Giang', '17', '11', '2020']],
  ['TP. Hồ Chí Minh, ngày 05 tháng 3 năm 2021', ['TP. Hồ Chí Minh', '05', '3', '2021']],
  ['Kien Giang, ngay 17 thang 11 nam 2020', ['Kien Giang', '17', '11', '2020']],
  ['Hà Nội, ngày      tháng      năm 2024', ['Hà Nội', '', '', '2024']],
  ['Số: 12/KH-UBND    Vĩnh Long, ngày 02 tháng 6 năm 2022', ['Vĩnh Long', '02', '6', '2022']],
  ['Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;', null],
  ['ngày 17 tháng 11 năm 2020', null],
  ['Hà Nội, ngày 17 tháng 11', null],
]);

check('VV', VV, [
  ['V/v thực hiện Kế hoạch số 45/KH-UBND', ['thực hiện Kế hoạch số 45/KH-UBND']],
  ['V/v: triển khai chuyển đổi số', ['triển khai chuyển đổi số']],
  ['v/v báo cáo tình hình', ['báo cáo tình hình']],
  ['Về việc thực hiện Kế hoạch', null],
  ['Số: 12/UBND-VP V/v báo cáo', null],
]);

check('KINH_GUI', KINH_GUI, [
  ['Kính gửi: Sở Tài chính', ['Sở Tài chính']],
  ['Kính gửi:', ['']],
  ['Kính gửi các sở, ban, ngành tỉnh', ['các sở, ban, ngành tỉnh']],
  ['đã gửi Sở Tài chính thẩm định', null],
  ['Kính đề nghị Sở Tài chính', null],
]);

check('CLOSING_MARK', CLOSING_MARK, [
  ['Đề nghị các đơn vị thực hiện./.', []],
  ['Đề nghị các đơn vị thực hiện./. ltram', []],
  ['Đề nghị các đơn vị thực hiện.', null],
  ['Điều 3. Quyết định này có hiệu lực kể từ ngày ký.', null],
]);

check('NOI_NHAN', NOI_NHAN, [
  ['Nơi nhận:', ['']],
  ['Nơi nhận: - Như trên;', ['- Như trên;']],
  ['Noi nhan:', ['']],
  ['Người nhận: Nguyễn Văn An', null],
  ['- Như trên;', null],
]);

check('ATTACHED', ATTACHED, [
  ['(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2021 của UBND tỉnh)', ['Quyết định số 12/QĐ-UBND ngày 05/01/2021 của UBND tỉnh']],
  ['(Kèm theo Kế hoạch số 45/KH-UBND)', ['Kế hoạch số 45/KH-UBND']],
  ['Kèm theo Công văn số 12/STC-QLNS', ['Công văn số 12/STC-QLNS']],
  ['Tài liệu kèm theo Công văn này', null],
  ['Các văn bản gửi kèm theo', null],
]);

check('AUTHORITY', AUTHORITY, [
  ['TM. ỦY BAN NHÂN DÂN', ['TM', 'ỦY BAN NHÂN DÂN']],
  ['KT. CHỦ TỊCH', ['KT', 'CHỦ TỊCH']],
  ['TL. GIÁM ĐỐC', ['TL', 'GIÁM ĐỐC']],
  ['TUQ. CHỦ TỊCH', ['TUQ', 'CHỦ TỊCH']],
  ['Q. GIÁM ĐỐC', ['Q', 'GIÁM ĐỐC']],
  ['KT . CHỦ TỊCH', ['KT', 'CHỦ TỊCH']],
  ['TM ỦY BAN NHÂN DÂN', null],
  ['TP. Hồ Chí Minh', null],
]);

check('ENACTMENT', ENACTMENT, [
  ['QUYẾT ĐỊNH:', ['QUYẾT ĐỊNH']],
  ['QUYẾT NGHỊ:', ['QUYẾT NGHỊ']],
  ['QUYẾT ĐỊNH :', ['QUYẾT ĐỊNH']],
  ['QUYẾT ĐỊNH', null],
  ['QUYẾT ĐỊNH: Điều 1. Ban hành', null],
]);

check('PREAMBLE', PREAMBLE, [
  ['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;', ['Căn cứ']],
  ['Thực hiện Kế hoạch số 45/KH-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh;', ['Thực hiện']],
  ['Xét đề nghị của Giám đốc Sở Nội vụ.', ['Xét đề nghị']],
  ['Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 35/TTr-STC.', ['Theo đề nghị']],
  ['Căn cước công dân được cấp', null],
  ['Thực hành tiết kiệm, chống lãng phí', null],
  ['1. Căn cứ kết quả rà soát', null],
]);

describe('typeTitle', () => {
  it.each([
    ['KẾ HOẠCH', 'Kế hoạch'],
    ['QUYẾT ĐỊNH', 'Quyết định'],
    ['PHỤ LỤC', 'Phụ lục'],
    ['KE HOACH', 'Kế hoạch'],
    ['NGHỊ QUYẾT.', 'Nghị quyết'],
    ['CHƯƠNG TRÌNH HÀNH ĐỘNG', 'Chương trình'],
    ['KẾ HOẠCH HÀNH ĐỘNG', 'Kế hoạch'],
  ])('%j names %j', (line, type) => expect(typeTitle(line)).toBe(type));
  it.each(['QUYẾT ĐỊNH:', 'Kế hoạch', 'KẾ HOẠCH THỰC HIỆN', 'ỦY BAN NHÂN DÂN', 'HÀNH ĐỘNG'])('%j is not a title', (line) => expect(typeTitle(line)).toBeNull());
});

check('ROMAN', ROMAN, [
  ['II. MỤC TIÊU', ['II', 'MỤC TIÊU']],
  ['IV) Tổ chức thực hiện', ['IV', 'Tổ chức thực hiện']],
  ['III/ Kinh phí', ['III', 'Kinh phí']],
  ['VIỆT NAM', null],
  ['XÃ HỘI', null],
  ['Điều 1. Phạm vi', null],
]);

check('PART', PART, [
  ['Phần I. QUY ĐỊNH CHUNG', ['I', 'QUY ĐỊNH CHUNG']],
  ['PHẦN II: NỘI DUNG', ['II', 'NỘI DUNG']],
  ['Phần thứ nhất', ['thứ nhất', '']],
  ['Phần 2 - Tổ chức thực hiện', ['2', 'Tổ chức thực hiện']],
  ['Phần lớn các cơ quan đã triển khai', null],
  ['Phần còn lại do ngân sách tỉnh bảo đảm', null],
  ['Phần mềm quản lý văn bản', null],
]);

check('CHAPTER', CHAPTER, [
  ['Chương I. QUY ĐỊNH CHUNG', ['I', 'QUY ĐỊNH CHUNG']],
  ['CHƯƠNG II', ['II', '']],
  ['Chương 3: Điều khoản thi hành', ['3', 'Điều khoản thi hành']],
  ['Chương trình chuyển đổi số quốc gia', null],
  ['Chương cũ', null],
]);

check('SECTION', SECTION, [
  ['Mục 1. QUY ĐỊNH CHUNG', ['1', 'QUY ĐỊNH CHUNG']],
  ['Mục 2: Hồ sơ, thủ tục', ['2', 'Hồ sơ, thủ tục']],
  ['Mục tiêu cụ thể', null],
  ['Mục 1 của Chương II', null],
]);

check('ARTICLE', ARTICLE, [
  ['Điều 1. Phạm vi điều chỉnh', ['1', 'Phạm vi điều chỉnh']],
  ['Điều 12: Hiệu lực thi hành', ['12', 'Hiệu lực thi hành']],
  ['Điều 3.', ['3', '']],
  ['Điều 1 của Quyết định số 12/QĐ-UBND', null],
  ['Điều chỉnh, bổ sung kế hoạch', null],
]);

check('CLAUSE', CLAUSE, [
  ['1. Mục đích', ['1', 'Mục đích']],
  ['2) Yêu cầu', ['2', 'Yêu cầu']],
  ['12. Tổ chức thực hiện', ['12', 'Tổ chức thực hiện']],
  ['2020. Năm bản lề', null],
  ['1.1. Nội dung', null],
  ['05/3/2021', null],
]);

check('POINT', POINT, [
  ['a) Đối tượng áp dụng', ['a', 'Đối tượng áp dụng']],
  ['đ) Kinh phí thực hiện', ['đ', 'Kinh phí thực hiện']],
  ['¢) Chế độ báo cáo', ['¢', 'Chế độ báo cáo']],
  ['b ) Thời gian', ['b', 'Thời gian']],
  ['ab) Nội dung', null],
  ['A) Nội dung', null],
  ['1) Nội dung', null],
]);

check('BULLET', BULLET, [
  ['- Sở Tài chính;', ['-', 'Sở Tài chính;']],
  ['+ Tổ chức tập huấn', ['+', 'Tổ chức tập huấn']],
  ['• Báo cáo kết quả', ['•', 'Báo cáo kết quả']],
  ['– Như trên;', ['–', 'Như trên;']],
  ['-Sở Tài chính', null],
  ['--- hết ---', null],
]);

describe('a sentence opening with "Phần" or "Chương" stays a sentence in the body', () => {
  it.each(['Phần lớn các cơ quan đã triển khai', 'Phần còn lại do ngân sách tỉnh bảo đảm'])('%j', (line) => expect(marker(line, line)).toBeNull());
  it('while a numbered part is a part', () => expect(marker('Phần II. NỘI DUNG', 'Phần II. NỘI DUNG')).toMatchObject({ kind: 'part', label: 'II', rest: 'NỘI DUNG' }));
});

describe('PLACE_DATE: a hyphenated province', () => {
  it('reads "Bà Rịa - Vũng Tàu" whole', () => {
    const m = PLACE_DATE.exec('Bà Rịa - Vũng Tàu, ngày 02 tháng 3 năm 2020');
    expect(m?.slice(1)).toEqual(['Bà Rịa - Vũng Tàu', '02', '3', '2020']);
  });
  it('but not a list dash before a place', () => {
    expect(PLACE_DATE.exec('- Hà Nội, ngày 5 tháng 6 năm 2021')?.[1]).toBe('Hà Nội');
  });
});
