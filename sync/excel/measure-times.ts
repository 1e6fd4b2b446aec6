/**
 * Measures the advance widths of Times New Roman for every character Vietnamese
 * documents use and writes them to `times-widths.json`, the table `row-height.ts`
 * sizes rows with. Measured from Tinos (the npm package @fontsource/tinos), which
 * is metric-compatible with Times New Roman: each glyph has the same advance width.
 * Run with `npm run measure-fonts` after changing the character set.
 */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

export const WIDTHS_FILE = fileURLToPath(new URL('./times-widths.json', import.meta.url));

/** Printable ASCII, Latin-1, the Vietnamese letters with their tone marks, and the punctuation Word pastes. */
export const CHARACTERS: readonly number[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  0x102,
  0x103,
  0x110,
  0x111,
  0x128,
  0x129,
  0x168,
  0x169,
  0x1a0,
  0x1a1,
  0x1af,
  0x1b0,
  ...range(0x1ea0, 0x1ef9),
  0x2013,
  0x2014,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2026,
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

interface Face {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

export interface TimesWidths {
  unitsPerEm: number;
  /** hhea ascender + |descender| + line gap, in font units: one line of text. */
  lineHeight: number;
  regular: Record<string, number>;
  bold: Record<string, number>;
}

/** Fontsource splits the font by script; a character is measured in the subset that has it. */
function openWeight(weight: 400 | 700): Face[] {
  const require = createRequire(import.meta.url);
  return ['latin', 'vietnamese'].map(
    (subset) => fontkit.openSync(require.resolve(`@fontsource/tinos/files/tinos-${subset}-${weight}-normal.woff`)) as unknown as Face,
  );
}

function widths(faces: Face[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const cp of CHARACTERS) {
    const face = faces.find((f) => f.hasGlyphForCodePoint(cp));
    if (!face) throw new Error(`Tinos has no glyph for U+${cp.toString(16)}`);
    out[String.fromCodePoint(cp)] = face.glyphForCodePoint(cp).advanceWidth;
  }
  return out;
}

export function measureTimes(): TimesWidths {
  const regular = openWeight(400);
  const face = regular[0]!;
  return {
    unitsPerEm: face.unitsPerEm,
    lineHeight: face.ascent - face.descent + face.lineGap,
    regular: widths(regular),
    bold: widths(openWeight(700)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(WIDTHS_FILE, `${JSON.stringify(measureTimes())}\n`);
  console.log(`Wrote ${WIDTHS_FILE}`);
}
