/**
 * Every call to the Sheets API goes through here: retried with backoff, and any
 * failure turned into a Vietnamese message with a stable code. Google's error
 * text is kept (it names the range or request at fault); a 400 or 403 has been seen
 * to echo the request's headers in it, so every secret is taken out of it
 * (redactSecrets, which CchcError applies to any message).
 */
import { environment } from '../environment';
import { CchcError } from '../errors';
import { failureText, withBackoff, type BackoffOptions } from './backoff';

interface ApiError {
  status?: number;
  response?: { status?: number; data?: { error?: { message?: string } | string } };
}

function describe(error: unknown): { status: number | undefined; message: string; oauth: boolean } {
  const e = error as ApiError;
  const status = e?.status ?? e?.response?.status;
  const body = e?.response?.data?.error;
  // Google's token endpoint answers a refused login with a plain string code ("invalid_grant").
  return { status, message: typeof body === 'object' ? (body.message ?? '') : '', oauth: typeof body === 'string' };
}

export function sheetsError(error: unknown, spreadsheetId: string, what: string): CchcError {
  if (error instanceof CchcError) return error;
  const { status, message, oauth } = describe(error);
  if (oauth) {
    return new CchcError(
      'AUTH_REJECTED',
      `Google không gia hạn được đăng nhập khi ${what} (mã đăng nhập đã hết hạn hoặc bị thu hồi). Chạy lại "cchc auth login", hoặc tạo khóa tài khoản dịch vụ mới; xem docs/huong-dan-ket-noi-google-sheet.md.`,
    );
  }
  const google = message ? ` Google trả lời: "${message}".` : '';
  // A key file whose private key cannot sign fails on our side, before any connection.
  const code = (error as { code?: unknown })?.code;
  if (
    status === undefined &&
    ((typeof code === 'string' && code.startsWith('ERR_OSSL')) || /PEM|private key|DECODER/i.test(String((error as Error)?.message)))
  ) {
    return new CchcError(
      'AUTH_KEY_INVALID',
      `Tệp khóa tài khoản dịch vụ không dùng được (khóa riêng "private_key" hỏng hoặc bị sửa) nên chưa ${what}. Tạo khóa JSON mới cho tài khoản dịch vụ; xem docs/huong-dan-ket-noi-google-sheet.md.`,
    );
  }
  switch (status) {
    case 401:
      return new CchcError(
        'AUTH_REJECTED',
        `Google từ chối thông tin đăng nhập khi ${what} (hết hạn hoặc không hợp lệ). Lấy lại mã truy cập hoặc kiểm tra tệp khóa; xem docs/huong-dan-ket-noi-google-sheet.md.`,
      );
    case 403:
      return new CchcError(
        'SHEETS_FORBIDDEN',
        `Không có quyền ${what} ${spreadsheetId}. Chia sẻ bảng tính (quyền Người chỉnh sửa) với tài khoản đang dùng, hoặc bật Google Sheets API cho dự án.${google}`,
      );
    case 404:
      return new CchcError(
        'SHEETS_NOT_FOUND',
        `Không tìm thấy bảng tính ${spreadsheetId}. Kiểm tra mã bảng tính (phần giữa /d/ và /edit trong địa chỉ) ở --sheet hoặc CCHC_SHEET_ID.`,
      );
    case 400:
    case 413: {
      // Protected ranges answer 400; that one an official can fix.
      const protectedHint = /protected/i.test(message ?? '')
        ? ' Một trang hoặc vùng ô trên bảng tính đang được bảo vệ: nhờ người đặt bảo vệ cho tài khoản này quyền sửa vùng đó, hoặc bỏ bảo vệ (Dữ liệu → Trang tính và dải ô được bảo vệ).'
        : '';
      return new CchcError(
        'SHEETS_REJECTED',
        `Google Sheets không nhận yêu cầu khi ${what}; bảng tính không bị thay đổi.${protectedHint}${google}`,
      );
    }
    default: {
      const refused = typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code);
      const reason = status ? `mã ${status}` : refused ? 'không kết nối được' : failureText(error);
      // The API root matters only when someone set it (a proxy); officials never do.
      const where = environment().sheetsApiUrl ? ` và địa chỉ ở CCHC_SHEETS_API_URL` : '';
      return new CchcError('SHEETS_REQUEST_FAILED', `Không ${what} được (${reason}). Kiểm tra kết nối mạng${where} rồi chạy lại.${google}`);
    }
  }
}

/** One API call with retries; `what` says in Vietnamese what was being done ("đọc bảng tính"). */
export async function callSheets<T>(spreadsheetId: string, what: string, call: () => Promise<T>, backoff?: BackoffOptions): Promise<T> {
  try {
    return await withBackoff(what, call, backoff);
  } catch (error) {
    throw sheetsError(error, spreadsheetId, what);
  }
}
