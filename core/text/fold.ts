/**
 * Accent-free lower-case form for pattern matching on phrases officials write
 * ("Quý I/2026", "Thường xuyên"): tone placement, NFD input and Đ stop mattering, and
 * so does the older spelling "qui" for "quy" ("Quí I/2026", "qui định"), still common in offices.
 */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u0110\u0111\u00d0\u00f0]/g, 'd')
    .toLowerCase()
    .replace(/[\u00a0\u2000-\u200b\u202f\u3000\s]+/g, ' ')
    .replace(/\bqui\b/g, 'quy')
    .trim();
}
