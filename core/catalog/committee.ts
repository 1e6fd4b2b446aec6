/** The issuing committee's name for covers and appendices: "UBND xã Đông Tiến". */
import { nfc } from '../text/vietnamese';
import type { Plan } from './model';

const TIER = /^(phường|xã|thị trấn)\s/iu;

/**
 * From the ward setting, which may already say its tier ("xã Đông Tiến"), else
 * the plans' ward and tier as their appendices wrote them; "phường/xã" only when
 * nothing says which.
 */
export function committeeName(wardSetting: string, plans: readonly Pick<Plan, 'ward' | 'tier'>[]): string {
  const setting = nfc(wardSetting);
  if (TIER.test(setting)) return `UBND ${setting.replace(TIER, (t) => t.toLowerCase())}`;
  const plan = plans.find((p) => p.ward !== '' && (setting === '' || p.ward === setting));
  const ward = setting || plan?.ward || '';
  const tier = plan?.tier || 'phường/xã';
  return ward === '' ? `UBND ${tier}` : `UBND ${tier} ${ward}`;
}
