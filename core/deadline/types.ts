/** What a deadline phrase means once parsed. Dates are ISO `yyyy-MM-dd` strings. */
export const DEADLINE_KINDS = ['date', 'quarter', 'month', 'half-year', 'year', 'recurring', 'conditional', 'unknown'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type Recurrence = 'continuous' | 'yearly' | 'half-yearly' | 'quarterly' | 'monthly';

export interface Deadline {
  /** The phrase as the official wrote it (NFC). */
  text: string;
  kind: DeadlineKind;
  /** Last day the task may be finished on, where the phrase names one. */
  due: string | null;
  /** First day of the period the phrase names (quarter, month, year), if any. */
  start: string | null;
  /** For conditional deadlines: the condition as written ("sau khi UBND tỉnh ban hành"). */
  condition: string | null;
  /** For recurring deadlines: how often. */
  recurrence: Recurrence | null;
  /** For conditional deadlines that also name a period: the period's kind. */
  basis: Exclude<DeadlineKind, 'conditional' | 'recurring' | 'unknown'> | null;
  /** How a loose phrase was read, for the official to check ("Đầu năm" → end of Q1); null when exact. */
  note: string | null;
  /** For conditional deadlines: days allowed once the condition is met ("trong 30 ngày sau khi …"). */
  daysAfter: number | null;
  /** For conditional deadlines: the day officials recorded the condition as met; the due date counts from it. */
  conditionMetOn: string | null;
}
