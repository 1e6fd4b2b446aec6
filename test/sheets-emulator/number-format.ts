// Just enough of Sheets' number formats to produce FORMATTED_VALUE strings a sync job can meet:
// automatic ("general") numbers, fixed decimals / grouping / percent patterns and date-time patterns.

export interface NumberFormat {
  type?: string;
  pattern?: string;
}

const DAY_MS = 86_400_000;
// Serial 0 is 1899-12-30, as in Sheets (and Excel's 1900 date system after Feb 1900).
const EPOCH = Date.UTC(1899, 11, 30);

export function serialToDate(serial: number): Date {
  return new Date(EPOCH + Math.round(serial * DAY_MS));
}

export function dateToSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - EPOCH) / DAY_MS;
}

/** Sheets' automatic format: integers as-is, decimals trimmed to 15 significant digits, E notation when huge. */
export function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15)))
    .replace('e+', 'E+')
    .replace('e-', 'E-');
}

const DEFAULT_PATTERNS: Record<string, string> = {
  DATE: 'yyyy-mm-dd',
  TIME: 'hh:mm:ss',
  DATE_TIME: 'yyyy-mm-dd hh:mm:ss',
  NUMBER: '#,##0.00',
  PERCENT: '0.00%',
  SCIENTIFIC: '0.00E+00',
};

export function isDateFormat(format: NumberFormat | undefined): boolean {
  return format?.type === 'DATE' || format?.type === 'TIME' || format?.type === 'DATE_TIME';
}

export function formatNumber(n: number, format: NumberFormat | undefined): string {
  if (!format?.type || format.type === 'TEXT') return formatGeneral(n);
  const pattern = format.pattern || DEFAULT_PATTERNS[format.type];
  if (!pattern) return formatGeneral(n);
  return isDateFormat(format) ? formatDate(n, pattern) : formatDecimal(n, pattern);
}

function formatDecimal(n: number, pattern: string): string {
  const percent = pattern.includes('%');
  const value = percent ? n * 100 : n;
  const decimals = /\.([0#]+)/.exec(pattern)?.[1]?.length ?? 0;
  let text = Math.abs(value).toFixed(decimals);
  if (pattern.includes(',')) {
    const [int, frac] = text.split('.');
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
  }
  return `${value < 0 ? '-' : ''}${text}${percent ? '%' : ''}`;
}

function formatDate(serial: number, pattern: string): string {
  const d = serialToDate(serial);
  const pad = (v: number, width = 2): string => String(v).padStart(width, '0');
  const tokens = pattern.match(/yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|"[^"]*"|./gi) ?? [];
  let out = '';
  tokens.forEach((raw, i) => {
    const t = raw.toLowerCase();
    // "mm" is minutes right after an hour token or right before a seconds token, months otherwise.
    const prev = tokens
      .slice(0, i)
      .reverse()
      .find((x) => /^[a-z]/i.test(x))
      ?.toLowerCase();
    const next = tokens
      .slice(i + 1)
      .find((x) => /^[a-z]/i.test(x))
      ?.toLowerCase();
    const minutes = (t === 'mm' || t === 'm') && (prev?.startsWith('h') || next?.startsWith('s'));
    if (t === 'yyyy') out += pad(d.getUTCFullYear(), 4);
    else if (t === 'yy') out += pad(d.getUTCFullYear() % 100);
    else if (minutes) out += t === 'mm' ? pad(d.getUTCMinutes()) : String(d.getUTCMinutes());
    else if (t === 'mm') out += pad(d.getUTCMonth() + 1);
    else if (t === 'm') out += String(d.getUTCMonth() + 1);
    else if (t === 'dd') out += pad(d.getUTCDate());
    else if (t === 'd') out += String(d.getUTCDate());
    else if (t === 'hh') out += pad(d.getUTCHours());
    else if (t === 'h') out += String(d.getUTCHours());
    else if (t === 'ss') out += pad(d.getUTCSeconds());
    else if (t === 's') out += String(d.getUTCSeconds());
    else if (raw.startsWith('"')) out += raw.slice(1, -1);
    else out += raw;
  });
  return out;
}
