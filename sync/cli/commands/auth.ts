/** `cchc auth login`: sign in once with a Google account through an OAuth desktop client. */
import { environment } from '../../environment';
import { CchcError, EXIT } from '../../errors';
import { loginDesktop } from '../../sheets/oauth-login';

export async function loginCommand(options: { client?: string }): Promise<number> {
  const file = options.client ?? environment().googleKeyFile;
  if (!file)
    throw new CchcError('AUTH_CLIENT_REQUIRED', 'Ghi tệp ứng dụng OAuth Desktop bằng --client TỆP.json (tải từ Google Cloud Console).');
  const path = await loginDesktop(file);
  console.log(`Đã đăng nhập; mã truy cập được lưu ở ${path} (chỉ người dùng này đọc được).`);
  return EXIT.ok;
}
