/**
 * The model of a document a ward sends (Nghị định 30/2020/NĐ-CP administrative
 * document): pure data with the Vietnamese text and numbers already formatted, so
 * the Excel and Word renderers only lay it out and cannot disagree on a figure.
 */
import { formatVnNumber } from '../text/number';

/** A gap only the official can fill (document number, signer, assessments): rendered visibly marked. */
export interface Blank {
  blank: string;
}
export type Inline = string | Blank;

export type Tone = 'pass' | 'fail' | 'na';

export interface TableCell {
  text: string;
  /** The number behind `text`, for the workbook's cells; null or absent for text. */
  value?: number | null;
  /** Pass/fail colouring of the cell. */
  tone?: Tone;
  /** A web address the cell links to. */
  link?: string;
}

export interface TableColumn {
  header: string;
  /** Width in characters (Excel units); the Word renderer shares the page out in the same proportions. */
  width: number;
  numeric?: boolean;
}

export interface ReportTable {
  title: string;
  columns: TableColumn[];
  rows: { cells: TableCell[]; bold?: boolean }[];
  /** Said instead of an empty table. */
  empty: string;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'bullet'; parts: Inline[] }
  | { kind: 'table'; table: ReportTable };

export interface OfficialDocument {
  /** "UBND PHƯỜNG AN TƯỜNG". */
  authority: string;
  /** "Số: …/BC-UBND". */
  number: Inline[];
  /** "An Tường, ngày … tháng … năm 2026". */
  placeDate: Inline[];
  /** "BÁO CÁO". */
  kind: string;
  /** "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2026". */
  title: string;
  body: Block[];
  recipients: Inline[][];
  signature: { capacity: string; title: string; name: Inline[] };
}

export const blank = (hint = ''): Blank => ({ blank: hint });

export const isBlank = (part: Inline): part is Blank => typeof part !== 'string';

/** How a blank reads on paper: its hint in brackets, or dots where a number or a day goes. */
export const blankText = (b: Blank): string => (b.blank ? `[${b.blank}]` : '……');

/** The text of inline parts, blanks included: for renderers without highlighting. */
export function plainText(parts: readonly Inline[]): string {
  return parts.map((p) => (isBlank(p) ? blankText(p) : p)).join('');
}

/** Numbers as Vietnamese write them: "1.234", "62,1". */
export const cell = (text: string, extra: Omit<TableCell, 'text'> = {}): TableCell => ({ text, ...extra });

/** A count or score cell: the number and its Vietnamese text; "–" when there is none. */
export const numberCell = (n: number | null, suffix = ''): TableCell => ({
  text: n === null ? '–' : `${formatVnNumber(n)}${suffix}`,
  value: n,
});

/** The standard opening of a ward's document: authority, number with its blank, place and date with theirs. */
export function documentHead(
  authority: string,
  numberSuffix: string,
  place: string,
  year: number,
): Pick<OfficialDocument, 'authority' | 'number' | 'placeDate'> {
  return {
    authority,
    number: ['Số: ', blank(), `/${numberSuffix}`],
    placeDate: [place ? `${place}, ngày ` : 'Ngày ', blank(), ' tháng ', blank(), ` năm ${year}`],
  };
}
