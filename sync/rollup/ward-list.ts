/**
 * The province's list of ward sheets for `cchc rollup --sheets FILE`: one sheet
 * per line, its id or its full address, optionally followed by the ward's name
 * (after a tab, comma or spaces). Blank lines and lines starting with # are skipped.
 */
import { nfc } from '../../core/index';
import { CchcError } from '../errors';
import { MAX_IMPORT_BYTES, readBounded } from '../files/input-file';

export interface WardSheet {
  id: string;
  /** The name given in the list, if any; else the ward's settings name it. */
  name: string | null;
  line: number;
}

const ID = /^[A-Za-z0-9_-]{20,}$/;
const URL_ID = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/;

export function parseWardList(text: string, file: string): WardSheet[] {
  const wards: WardSheet[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = nfc(raw).trim();
    if (line === '' || line.startsWith('#')) return;
    const [first, ...rest] = line.split(/[\t,]|\s+/);
    const id = URL_ID.exec(first!)?.[1] ?? first!;
    if (!ID.test(id)) bad.push(i + 1);
    else wards.push({ id, name: rest.join(' ').trim() || null, line: i + 1 });
  });
  if (bad.length > 0) {
    throw new CchcError(
      'WARD_LIST_INVALID',
      `Tệp "${file}" có dòng không phải mã hoặc địa chỉ bảng tính (dòng ${bad.join(', ')}). Mỗi dòng ghi một mã bảng tính, có thể kèm tên phường/xã sau dấu phẩy.`,
    );
  }
  if (wards.length === 0) throw new CchcError('WARD_LIST_EMPTY', `Tệp "${file}" không có mã bảng tính nào.`);
  return wards;
}

export async function readWardList(file: string): Promise<WardSheet[]> {
  // Read through the bounded reader: a FIFO given as the list is refused, not waited on.
  const read = await readBounded(file, MAX_IMPORT_BYTES).catch((error: unknown) => {
    if (error instanceof CchcError) throw error;
    return null;
  });
  if (!read || 'tooLarge' in read) {
    throw new CchcError('WARD_LIST_MISSING', `Không đọc được tệp danh sách bảng tính "${file}". Kiểm tra đường dẫn.`);
  }
  return parseWardList(read.bytes.toString('utf8'), file);
}
