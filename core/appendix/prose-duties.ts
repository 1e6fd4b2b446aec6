/**
 * A plan without an appendix table that assigns its duties unit by unit in prose
 * (seed 004, Đông Quang): a numbered heading naming one unit ("1. Phòng Văn hóa -
 * Xã hội:"), then that unit's duties, one paragraph each (bulleted by hand or by
 * Word). Each duty becomes a task led by that unit, numbered under the heading
 * ("1.3"), its deadline taken only where its text names a date or a period with its
 * year. Headings that name no single unit are reported, never guessed at.
 */
import { nfc } from '../text/vietnamese';
import type { UnitRegistry } from '../units/registry';
import { appendixTask, planFromHeading, type AppendixGroup, type AppendixTask, type ParsedAppendix } from './parse-appendix';

export interface ProseReading {
  /** The duties as an appendix, or null when no heading names a unit. */
  parsed: ParsedAppendix | null;
  /** Each unit heading read, with how many duties it gave. */
  units: { heading: string; lead: string; duties: number }[];
  /** Numbered headings with paragraphs under them, in the sections units were read from, that name no single unit. */
  skipped: { heading: string; reason: string }[];
  /** Every numbered or Roman heading of the text, to show what was found when nothing could be read. */
  headings: string[];
}

const ROMAN_HEADING = /^([IVXL]+)\.\s+(\S.*)$/u;
const NUMBERED_HEADING = /^(\d+)[.)]\s+(\S.*)$/u;
/** A bullet typed by hand; Word's own bullets give no text. */
const BULLET = /^[-–+•*]\s*/u;
/** A date with its year, a "trước" date, a quarter, a month or a half with its year: what a duty names as its deadline. */
const DEADLINE = new RegExp(
  [
    String.raw`(?:(?:hoàn thành\s+)?(?:trước|chậm nhất|trong)\s+(?:ngày\s+)?)?\d{1,2}\/\d{1,2}\/\d{4}`,
    String.raw`(?:trước|chậm nhất)\s+(?:ngày\s+)?\d{1,2}\/\d{1,2}(?!\/)`,
    String.raw`(?:trong\s+)?quý\s+[IV]+(?:\s*\/\s*|\s+năm\s+)\d{4}`,
    String.raw`(?:trong\s+)?tháng\s+\d{1,2}(?:\s*\/\s*|\s+năm\s+)\d{4}`,
    String.raw`6 tháng (?:đầu|cuối) năm\s+\d{4}`,
  ].join('|'),
  'iu',
);

/** The deadline a duty's text names, as written ("trước ngày 30/6/2026"), or "". */
export function deadlineInText(text: string): string {
  return text.match(DEADLINE)?.[0] ?? '';
}

interface Heading {
  index: number;
  number: string;
  text: string;
  roman: boolean;
}

/** The unit a heading names ("Phòng Kinh tế, Hạ tầng và Đô thị." / "Phòng Văn hóa - Xã hội: Tham mưu …"), and its intro. */
function unitOf(text: string, registry: UnitRegistry): { name: string; intro: string; reason: string | null } {
  const colon = text.indexOf(':');
  const name = (colon >= 0 ? text.slice(0, colon) : text).replace(/[.\s]+$/u, '').trim();
  const intro = colon >= 0 ? text.slice(colon + 1).trim() : '';
  const ref = registry.lookup(name);
  if (ref.match === 'none') return { name, intro, reason: 'không phải tên một đơn vị đã biết' };
  if (ref.kind === 'group') return { name, intro, reason: 'nhóm đơn vị, không phải một đơn vị chủ trì' };
  return { name, intro, reason: null };
}

/**
 * Reads the duties per unit from a plan's paragraphs (in order, empty ones left out; a paragraph's place is its row).
 * `heading`: the national heading's lines, for the plan's number, date, year and ward; the plan's title is the
 * paragraph after "KẾ HOẠCH".
 */
export function readProseDuties(paragraphs: readonly string[], heading: readonly string[], registry: UnitRegistry): ProseReading {
  const lines = paragraphs.map((p) => nfc(p));
  const headings: Heading[] = [];
  lines.forEach((line, index) => {
    const text = line.replace(BULLET, '');
    const roman = text.match(ROMAN_HEADING);
    const numbered = roman ? null : text.match(NUMBERED_HEADING);
    const m = roman ?? numbered;
    if (m) headings.push({ index, number: m[1]!, text: m[2]!.trim(), roman: roman !== null });
  });

  const tasks: AppendixTask[] = [];
  const groups: AppendixGroup[] = [];
  const units: ProseReading['units'] = [];
  const skipped: ProseReading['skipped'] = [];
  const sectionsRead = new Set<string>();
  const pending: { section: string; heading: string; reason: string }[] = [];
  let section = { code: '', title: '', index: -1 };
  headings.forEach((h, k) => {
    if (h.roman) {
      section = { code: h.number, title: h.text, index: h.index };
      return;
    }
    const end = headings[k + 1]?.index ?? lines.length;
    // A parenthesised line ("(Có phụ lục … kèm theo)") is a note on the list, not a duty.
    const items = lines
      .slice(h.index + 1, end)
      .map((l, i) => ({ text: l.replace(BULLET, '').trim(), row: h.index + 2 + i }))
      .filter((d) => d.text !== '' && !/^\(.*\)$/u.test(d.text));
    const unit = unitOf(h.text, registry);
    if (unit.reason !== null) {
      if (items.length > 0) pending.push({ section: section.code, heading: `${h.number}. ${h.text}`, reason: unit.reason });
      return;
    }
    // An intro ending in ":" ("… Cụ thể như sau:") announces the list; anything else it says is a duty.
    const duties = unit.intro !== '' && !unit.intro.endsWith(':') ? [{ text: unit.intro, row: h.index + 1 }, ...items] : items;
    if (duties.length === 0) return;
    if (section.index >= 0 && !sectionsRead.has(section.code)) {
      groups.push({ stt: section.code, title: section.title, row: section.index + 1, points: '', kind: 'section', section: section.code });
    }
    sectionsRead.add(section.code);
    groups.push({ stt: h.number, title: unit.name, row: h.index + 1, points: '', kind: 'group', section: section.code });
    units.push({ heading: `${h.number}. ${unit.name}`, lead: unit.name, duties: duties.length });
    duties.forEach((d, i) => {
      tasks.push(
        appendixTask({
          stt: `${h.number}.${i + 1}`,
          section: section.code,
          sectionTitle: section.title,
          title: d.text,
          lead: unit.name,
          deadline: deadlineInText(d.text),
          group: h.number,
          sourceRows: [d.row],
        }),
      );
    });
  });
  // Only where units were read: "1. Mục đích" under "I. MỤC ĐÍCH, YÊU CẦU" is not a unit that was missed.
  for (const p of pending) if (sectionsRead.has(p.section)) skipped.push({ heading: p.heading, reason: p.reason });

  const headingTexts = headings.map((h) => `${h.number}. ${h.text}`);
  if (tasks.length === 0) return { parsed: null, units, skipped, headings: headingTexts };
  const kh = lines.findIndex((l) => /^KẾ HOẠCH$/u.test(l));
  const title = kh >= 0 ? (lines[kh + 1] ?? '') : '';
  return {
    parsed: {
      headerRow: 0,
      columns: new Map([
        ['stt', 0],
        ['title', 1],
        ['lead', 2],
        ['deadline', 3],
      ]),
      titleLines: title === '' ? [] : [title],
      title,
      ...planFromHeading(heading),
      // "UBND PHƯỜNG ĐÔNG QUANG": the issuer's tier, as an appendix's title line would give it.
      wardTier:
        heading
          .map((l) => nfc(l).match(/^(?:UBND\s+)?(PHƯỜNG|XÃ|THỊ TRẤN)\s+\p{Lu}/u)?.[1])
          .find((t) => t !== undefined)
          ?.toLocaleLowerCase('vi') ?? null,
      tasks,
      groups,
      endRow: null,
      // What the official reads the duties under, for messages naming a cell.
      columnNames: new Map([
        ['stt', 'STT'],
        ['title', 'Nhiệm vụ'],
        ['lead', 'Đơn vị'],
        ['deadline', 'Thời hạn'],
      ]),
      unreadable: [],
    },
    units,
    skipped,
    headings: headingTexts,
  };
}
