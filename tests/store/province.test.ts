/**
 * A document's province is decided once, by extract, and the store writes that decision: a
 * department's letter whose issuer does not name the province ("SỞ TÀI CHÍNH") but whose place
 * line does ("Cần Thơ, ngày …") belongs to Cần Thơ in extraction, in documents.province and
 * for `vanban search --province`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyFile } from '../../src/load/index.ts';
import { processFile } from '../../src/pipeline.ts';
import { openDb } from '../../src/store/db.ts';
import { MIGRATIONS, migrate } from '../../src/store/migrations.ts';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/vanban');

const LETTER = `ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ
SỞ TÀI CHÍNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2145/STC-QLNS
V/v hướng dẫn lập dự toán ngân sách năm 2025
Cần Thơ, ngày 15 tháng 7 năm 2024

Kính gửi:
- Các sở, ban, ngành thành phố;
- Ủy ban nhân dân các quận, huyện.

Thực hiện Thông tư số 49/2024/TT-BTC ngày 16 tháng 7 năm 2024 của Bộ Tài chính hướng dẫn xây dựng dự toán ngân sách nhà nước năm 2025, Sở Tài chính hướng dẫn các cơ quan, đơn vị lập dự toán ngân sách năm 2025 như sau:

1. Các cơ quan, đơn vị căn cứ chức năng, nhiệm vụ được giao lập dự toán thu, chi ngân sách năm 2025, gửi về Sở Tài chính trước ngày 31 tháng 7 năm 2024.

2. Dự toán chi thường xuyên bảo đảm tiết kiệm, hiệu quả; không bố trí dự toán cho các nhiệm vụ chưa được cấp có thẩm quyền phê duyệt.

Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các cơ quan, đơn vị phản ánh về Sở Tài chính để được hướng dẫn./.

Nơi nhận:
- Như trên;
- UBND thành phố (để b/c);
- Lưu: VT, QLNS.
GIÁM ĐỐC

Nguyễn Văn Hòa
`;

const dir = mkdtempSync(join(tmpdir(), 'vanban-province-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('province decided once', () => {
  it('a Sở Tài chính letter dated in Cần Thơ belongs to Cần Thơ, in extraction, the store and search', async () => {
    const file = emptyFile('letter.txt');
    file.source.mediaType = 'text/plain';
    file.original = LETTER;
    file.text = LETTER;
    const out = await processFile(file);
    expect(out.documents[0]!.header.province).toBe('Cần Thơ');

    const path = join(dir, 'stc-can-tho.txt');
    writeFileSync(path, LETTER);
    const db = join(dir, 'archive.db');
    execFileSync(process.execPath, [BIN, 'ingest', path, '--db', db], { cwd: ROOT, env: { ...process.env, VANBAN_DB: '' } });
    const conn = new Database(db, { readonly: true });
    const rows = conn.prepare('SELECT issuer, province FROM documents').all() as { issuer: string; province: string | null }[];
    conn.close();
    expect(rows).toEqual([{ issuer: expect.stringMatching(/^Sở Tài chính/), province: 'Cần Thơ' }]);

    const r = spawnSync(process.execPath, [BIN, 'search', 'du toan ngan sach', '--province', 'can tho', '--json', '--db', db], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VANBAN_DB: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('stc-can-tho.txt');
  });

  it('the store keeps the province it is given: no trigger recomputes it from the issuer', () => {
    const db = openDb(':memory:');
    migrate(db, MIGRATIONS);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'documents_province%'").all();
    expect(triggers).toEqual([]);
    db.exec(`INSERT INTO files (hash, path, size, media_type, original, text, pipeline_version, ingested_at) VALUES ('h', 'p', 0, 'text/plain', '', '', 'v', 'now')`);
    db.exec(`INSERT INTO documents (file_id, idx, char_start, char_end, issuer, province, pipeline_version) VALUES (1, 0, 0, 0, 'Ủy ban nhân dân tỉnh Vĩnh Long', 'Cần Thơ', 'v')`);
    db.exec(`UPDATE documents SET issuer = 'Ủy ban nhân dân tỉnh An Giang'`);
    expect(db.prepare('SELECT province FROM documents').get()).toEqual({ province: 'Cần Thơ' });
    db.close();
  });
});
