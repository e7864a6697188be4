/**
 * An archive for the web page's tests, ingested from fixtures/ by the real `bin/vanban` in a temp
 * folder: the text fixtures, a born-digital PDF with a table of tasks, optionally a scan, and a
 * text file with markup in it (a document must show `<script>` as text, never run it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, SEEDS } from '../ingest/cli.ts';

export const SCRIPT_MARK = 'VANBAN_XSS';

/** A công văn whose text carries markup that would run if it were not escaped. */
export const SCRIPT_TEXT = `ỦY BAN NHÂN DÂN TỈNH VĨNH LONG
Số: 99/UBND-VX
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Vĩnh Long, ngày 05 tháng 3 năm 2021

V/v thử nghiệm hiển thị <script>window.${SCRIPT_MARK}=1</script> trên trang

Kính gửi: Sở Thông tin và Truyền thông.

Đề nghị kiểm tra nội dung <script>document.title="${SCRIPT_MARK}";window.${SCRIPT_MARK}=2</script> và <img src=x onerror="window.${SCRIPT_MARK}=3"> hiển thị dưới dạng chữ.

Sở Thông tin và Truyền thông chủ trì thực hiện trước ngày 30/6/2021./.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
`;

export interface TestArchive {
  dir: string;
  db: string;
  scriptFile: string;
  remove(): void;
}

export function makeArchive(opts: { scan?: boolean } = {}): TestArchive {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-serve-'));
  const db = join(dir, 'archive.db');
  const scriptFile = join(dir, 'cong-van-script.txt');
  writeFileSync(scriptFile, SCRIPT_TEXT);
  const files = [...SEEDS.map((f) => join('fixtures', f)), 'fixtures/pdf/s000-table.pdf', ...(opts.scan ? ['fixtures/pdf/s003-ruled-scan200.pdf'] : []), scriptFile];
  execFileSync(BIN, ['ingest', ...files, '--db', db, '--quiet'], { cwd: ROOT, stdio: 'pipe' });
  return { dir, db, scriptFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
