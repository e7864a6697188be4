/**
 * A document none of the rules were written against: another province (Hà Tĩnh), other years,
 * a number with a lost hyphen, a plan table, targets under dated headings, a "Tổ chức thực
 * hiện" part. Run through the whole pipeline.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/pipeline.ts';
import type { VbFile } from '../../schemas/document.ts';

const TEXT = `ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1961/QĐUBND

Hà Tĩnh, ngày 05 tháng 9 năm 2023

QUYẾT ĐỊNH

Ban hành Kế hoạch chuyển đổi số trong cải cách hành chính năm 2024

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;

Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư;

Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 210/TTr-STTTT ngày 28/8/2023.

QUYẾT ĐỊNH:

Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số trong cải cách hành chính năm 2024.

Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Báu Hà

KẾ HOẠCH

Chuyển đổi số trong cải cách hành chính năm 2024

I. MỤC TIÊU

1. Mục tiêu đến hết năm 2024

- Tối thiểu 70% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.
- Không quá 2% hồ sơ giải quyết quá hạn.

2. Mục tiêu đến năm 2026

- 100% Bộ phận Một cửa cấp xã thực hiện số hóa hồ sơ.

II. NHIỆM VỤ

TT	Nội dung	Cơ quan chủ trì	Cơ quan phối hợp	Thời gian hoàn thành
1	Số hóa kết quả giải quyết thủ tục hành chính	Văn phòng UBND tỉnh	Sở Tư pháp; UBND các huyện, thành phố, thị xã	Quý II/2024
2	Tuyên truyền trên Báo Hà Tĩnh	Sở Thông tin và Truyền thông	Báo Hà Tĩnh, Đài Phát thanh - Truyền hình Hà Tĩnh	Thường xuyên

III. TỔ CHỨC THỰC HIỆN

1. Sở Thông tin và Truyền thông

- Chủ trì, phối hợp với Văn phòng UBND tỉnh theo dõi, đôn đốc thực hiện Kế hoạch.
- Hằng quý, tổng hợp báo cáo Ủy ban nhân dân tỉnh.

2. Công an tỉnh có trách nhiệm bảo đảm an toàn dữ liệu dân cư.
`;

async function extract(): Promise<VbFile> {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-unseen-'));
  const path = join(dir, 'ha-tinh.txt');
  writeFileSync(path, TEXT);
  for await (const f of run([path])) return f;
  throw new Error('no file');
}

describe('an unseen document through the pipeline', () => {
  it('reads references, targets and tasks', async () => {
    const file = await extract();
    const docs = file.documents;
    expect(docs.length).toBeGreaterThanOrEqual(1);
    const refs = docs.flatMap((d) => d.references);
    const byNumber = (n: string) => refs.find((r) => r.number === n);
    expect(byNumber('107/2021/NĐ-CP')).toMatchObject({ relation: 'căn cứ', issued: '2021-12-06', issuer: 'Chính phủ' });
    expect(byNumber('61/2018/NĐ-CP')).toMatchObject({ relation: 'dẫn chiếu' });
    expect(byNumber('06/QĐ-TTg')).toMatchObject({ issuer: 'Thủ tướng Chính phủ', relation: 'căn cứ' });
    expect(byNumber('210/TTr-STTTT')).toMatchObject({ type: 'Tờ trình', issuer: 'Sở Thông tin và Truyền thông tỉnh Hà Tĩnh' });
    expect(refs.find((r) => r.name === 'Luật Tổ chức chính quyền địa phương')).toMatchObject({ issued: '2015-06-19' });
    expect(refs.some((r) => r.number === '1961/QĐ-UBND')).toBe(false); // its own number

    const targets = docs.flatMap((d) => d.targets);
    expect(targets.map((t) => [t.value, t.comparator, t.deadline])).toEqual([
      [70, '>=', '2024-12-31'],
      [2, '<=', '2024-12-31'],
      [100, '=', '2026-12-31'],
    ]);

    const tasks = docs.flatMap((d) => d.tasks);
    const table = tasks.filter((t) => t.source === 'table');
    expect(table.map((t) => [t.lead, t.partners, t.start, t.due, t.recurrence])).toEqual([
      [['Văn phòng UBND tỉnh'], ['Sở Tư pháp', 'UBND các huyện, thành phố, thị xã'], '2024-04-01', '2024-06-30', null], // the period named, first and last day (GOLD.md), "hoàn thành" too
      [['Sở Thông tin và Truyền thông'], ['Báo Hà Tĩnh', 'Đài Phát thanh - Truyền hình Hà Tĩnh'], null, null, 'continuous'],
    ]);
    const section = tasks.filter((t) => t.source === 'section');
    expect(section.map((t) => [t.lead, t.recurrence])).toEqual([
      [['Sở Thông tin và Truyền thông'], null],
      [['Sở Thông tin và Truyền thông'], '1/quarter'],
      [['Công an tỉnh'], null],
    ]);
    expect(section[0]!.partners).toEqual(['Văn phòng UBND tỉnh']);
    // Provenance: every entity has its span and the section it sits in.
    for (const d of docs) for (const e of [...d.references, ...d.targets, ...d.tasks]) {
      expect(e.prov.end).toBeGreaterThan(e.prov.start);
      expect(e.prov.section, JSON.stringify(e)).not.toBeNull();
    }
  });
});
