/**
 * `cchc restore` (khôi phục): lists the local store's earlier versions (files/versions.ts), newest first, with when
 * each was written, which command replaced it and how many tasks it holds; `cchc restore N` puts version N back. The
 * store as it was becomes version 1 first, so a restore is undone with `cchc restore 1`. The shared Google Sheet
 * keeps its own history (File → Version history), so this works on the local workbook only.
 */
import { CchcError, EXIT } from '../../errors';
import { VERSIONS_KEPT, type Version } from '../../files/versions';
import { localStorePath } from '../../store/store-options';
import { countTaskRows } from '../../../core/index';
import { XlsxStore } from '../../store/xlsx-store';

export interface RestoreOptions {
  store?: string;
}

/** A moment as an official in Vietnam reads it: 05/12/2026 23:50:12. */
export function vietnamTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return parts.replace(',', '');
}

const tasksText = (version: Version): string =>
  version.tasks === undefined ? 'không rõ số nhiệm vụ' : `${version.tasks.toLocaleString('vi-VN')} nhiệm vụ`;

function versionLine(version: Version): string {
  return `  ${version.number}. Bản ghi lúc ${vietnamTime(version.writtenAt)}, ${tasksText(version)}; được thay bởi lệnh "${version.command}" lúc ${vietnamTime(version.replacedAt)}`;
}

export async function restoreCommand(number: string | undefined, options: RestoreOptions): Promise<number> {
  const location = localStorePath(options);
  const store = new XlsxStore(location);
  const versions = await store.versions();
  if (number === undefined) {
    if (versions.length === 0) {
      console.log(`Sổ dữ liệu "${location}" chưa có bản lưu trước nào (bản lưu được tạo mỗi lần một lệnh ghi vào sổ).`);
      return EXIT.ok;
    }
    console.log(`Các bản lưu trước của sổ dữ liệu "${location}" (mới nhất trước; giữ ${VERSIONS_KEPT} bản gần nhất):`);
    for (const version of versions) console.log(versionLine(version));
    console.log(`Khôi phục một bản: cchc restore <số>. Sổ hiện tại được lưu thành một bản trước khi khôi phục, nên có thể quay lại.`);
    return EXIT.ok;
  }
  const version = /^\d+$/.test(number.trim()) ? versions.find((v) => v.number === Number(number.trim())) : undefined;
  if (!version) {
    throw new CchcError(
      'VERSION_UNKNOWN',
      versions.length === 0
        ? `Sổ dữ liệu "${location}" chưa có bản lưu trước nào để khôi phục.`
        : `Không có bản lưu số "${number}" của sổ "${location}"; có các bản 1 đến ${versions.length}. Chạy "cchc restore" để xem danh sách.`,
    );
  }
  // The version must be a store this program reads, before anything is replaced.
  const tasks = await new XlsxStore(version.path).read(['tasks']).catch((error: unknown) => {
    const detail = error instanceof CchcError ? ` (${error.code})` : '';
    throw new CchcError(
      'VERSION_UNREADABLE',
      `Bản lưu số ${version.number} ("${version.path}") không đọc được${detail}; sổ dữ liệu giữ nguyên. Chọn bản khác.`,
    );
  });
  const existed = await store.exists();
  await store.restore(version);
  console.log(
    `Đã khôi phục sổ dữ liệu "${location}" về bản số ${version.number} (ghi lúc ${vietnamTime(version.writtenAt)}, ${countTaskRows(tasks['tasks'] ?? []).toLocaleString('vi-VN')} nhiệm vụ).`,
  );
  // Without a store there was nothing to keep (a store deleted by mistake is simply brought back).
  if (existed) console.log(`Sổ trước khi khôi phục được lưu thành bản số 1: chạy "cchc restore 1" để quay lại.`);
  return EXIT.ok;
}
