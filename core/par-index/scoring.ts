/**
 * CCHC index (Chỉ số CCHC / PAR Index) self-scoring. Criteria come as a tree by
 * their codes as written ("1" area → "1.1" group or criterion → "1.1.1"); leaves
 * carry the points, areas and groups their sub-totals. A self-score above a
 * criterion's maximum is an error and counts only up to the maximum. Points not
 * yet known (an assignment table before the province set) are a warning, and the
 * 100-point total is checked once every criterion has its points.
 */
import type { IssueCode } from '../model/codes';
import { decodeRows, num, str } from '../layout/codec';
import type { Row } from '../layout/columns';
import { CRITERIA_TAB } from '../layout/tabs';
import type { Period } from '../periods/period';
import { optionalSettingNumber, settingDate, settingNumber, type Settings } from '../settings/settings';
import type { UnitRegistry } from '../units/registry';
import { formatVnNumber } from '../text/number';
import type { ValidationIssue } from '../model/issue';
import { doneCount, type ProgressCounts, type TaskProgress } from '../metrics/task-progress';

export interface Criterion {
  row: number;
  code: string;
  title: string;
  maxPoints: number | null;
  requirement: string;
  deadline: string;
  lead: string;
  support: string;
  evidence: string[];
  scoreH1: number | null;
  scoreYear: number | null;
  explanation: string;
  appraised: number | null;
  /** Has children: its points are the sum of theirs. */
  group: boolean;
  /** The top-level area code ("1" for "1.2.3"). */
  area: string;
}

export function decodeCriteria(rows: readonly Row[]): { criteria: Criterion[]; issues: ValidationIssue[] } {
  const { records, rowNumbers, issues } = decodeRows(CRITERIA_TAB, rows);
  const criteria = records.map((r, i) => {
    const code = str(r, 'code').replace(/\.$/, '');
    return {
      row: rowNumbers[i]!,
      code,
      title: str(r, 'title'),
      maxPoints: num(r, 'maxPoints'),
      requirement: str(r, 'requirement'),
      deadline: str(r, 'deadline'),
      lead: str(r, 'lead'),
      support: str(r, 'support'),
      evidence: str(r, 'evidence')
        .split(/[\n;]+/)
        .map((e) => e.trim())
        .filter((e) => e !== ''),
      scoreH1: num(r, 'scoreH1'),
      scoreYear: num(r, 'scoreYear'),
      explanation: str(r, 'explanation'),
      appraised: num(r, 'appraised'),
      group: false,
      area: code.split('.')[0]!,
    };
  });
  const codes = criteria.map((c) => c.code);
  for (const c of criteria) c.group = codes.some((other) => other.startsWith(`${c.code}.`));
  return { criteria, issues };
}

export interface IndexTotals {
  max: number;
  score: number;
  /** Points lost: max − score. */
  lost: number;
}

export interface IndexSummary {
  period: string;
  /** Criteria scored (leaves), and those of them without their maximum points yet. */
  criteria: number;
  missingMax: number;
  /** Which self-score column this period uses. */
  scoreColumn: 'scoreH1' | 'scoreYear';
  total: IndexTotals;
  areas: { code: string; title: string; totals: IndexTotals }[];
  /** Each lead unit with the criteria it leads; a criterion led by several counts for each of them. */
  units: { unit: string; name: string; totals: IndexTotals }[];
  /** Criteria that lost points, most first. */
  lost: { code: string; title: string; lead: string; max: number; score: number; lost: number }[];
  /** Criteria scored above zero with neither evidence nor explanation (the EVIDENCE_MISSING ones). */
  missingEvidence: { code: string; title: string; lead: string }[];
  /** The appraised score against the yearly self-score, over the criteria appraised so far. */
  appraisal: {
    criteria: number;
    selfScore: number;
    appraised: number;
    /** Points the appraisal added, and took away, criterion by criterion. */
    gained: number;
    lost: number;
    changes: { code: string; title: string; selfScore: number; appraised: number; difference: number }[];
  } | null;
  /** Each criterion that tasks serve, in the tab's order, with their progress (when the tasks' progress is given). */
  criterionTasks: { code: string; title: string; counts: ProgressCounts }[];
  lastYear: number | null;
  target: number;
  deadline: string | null;
  daysLeft: number | null;
  issues: ValidationIssue[];
}

type Standing = Pick<IndexSummary, 'total' | 'target'> & Partial<Pick<IndexSummary, 'criteria' | 'missingMax'>>;

const points = (n: number): string => `${formatVnNumber(n)} điểm`;

/** "1/2 hoàn thành, 1 quá hạn": the tasks serving one criterion, as the command line and the menu say it. */
export function criterionTasksText(c: ProgressCounts): string {
  return `${doneCount(c)}/${c.total} hoàn thành${c.overdue > 0 ? `, ${c.overdue} quá hạn` : ''}`;
}

/**
 * Where the self-score stands against the target, in the words the report and the command line print. Without the
 * criteria's maximum points the score cannot be held against the target: what is missing is said, not a shortfall
 * of the whole target ("còn thiếu 90").
 */
export function indexStanding(s: Standing): { met: boolean; text: string } {
  const cannot = (why: string) => ({ met: false, text: `chưa so được với chỉ tiêu ${points(s.target)}: ${why}` });
  if (s.criteria === 0) return cannot('chưa có tiêu chí nào (nhập bộ tiêu chí của tỉnh bằng lệnh cchc index-import)');
  if (s.total.max === 0) return cannot('các tiêu chí chưa có điểm tối đa (nhập bộ tiêu chí của tỉnh)');
  if (s.total.score >= s.target) return { met: true, text: `đạt chỉ tiêu ${points(s.target)}` };
  // Criteria still without points may hold the missing ones.
  if (s.missingMax) return cannot(`${formatVnNumber(s.missingMax)} tiêu chí chưa có điểm tối đa (nhập bộ tiêu chí của tỉnh)`);
  return {
    met: false,
    text: `còn thiếu ${points(round2(s.target - s.total.score))} so với chỉ tiêu ${points(s.target)}`,
  };
}

/** The self-score total as officials read it: "65/100 điểm (bị trừ 35 điểm)"; never "0/0" when no points are known. */
export function indexScoreText(s: Pick<IndexSummary, 'total'>, lost: 'bị trừ' | 'mất' = 'bị trừ'): string {
  if (s.total.max === 0) return 'chưa tính được';
  return `${formatVnNumber(s.total.score)}/${points(s.total.max)} (${lost} ${points(s.total.lost)})`;
}

/** Explained: the explanation cell says something (a lone "-" or "." is a blank as officials fill one). */
export function evidenceExplained(c: Pick<Criterion, 'explanation'>): boolean {
  return /[\p{L}\p{N}]/u.test(c.explanation);
}

/** A score above zero must be backed by evidence, or explained (EVIDENCE_MISSING, the missing-evidence lists). */
export function evidenceMissing(c: Criterion, column: 'scoreH1' | 'scoreYear'): boolean {
  return (c[column] ?? 0) > 0 && c.evidence.length === 0 && !evidenceExplained(c);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The self-score column a period is scored from: the first half uses "Tự chấm 6 tháng", every other period the year's. */
export function scoreColumnFor(period: Period): 'scoreH1' | 'scoreYear' {
  return period.kind === 'half' && period.label.endsWith('H1') ? 'scoreH1' : 'scoreYear';
}

/** Validates the criteria and totals the self-scores of the period (scoreColumnFor). */
export function indexSummary(
  rows: readonly Row[],
  options: { period: Period; today: string; settings: Settings; registry: UnitRegistry; progress?: TaskProgress },
): IndexSummary {
  const { criteria, issues } = decodeCriteria(rows);
  const scoreColumn = scoreColumnFor(options.period);
  const step = settingNumber(options.settings, 'indexScoreStep');
  const emit = (c: Criterion, column: string, code: IssueCode, severity: ValidationIssue['severity'], message: string) =>
    issues.push({ tab: 'criteria', row: c.row, column, code, severity, message });

  const byCode = new Map(criteria.map((c) => [c.code, c]));
  const leaves = criteria.filter((c) => !c.group);
  const leafScore = (c: Criterion): number => Math.min(Math.max(c[scoreColumn] ?? 0, 0), c.maxPoints ?? 0);
  const subtotal = (code: string): { max: number; score: number } =>
    leaves
      .filter((l) => l.code === code || l.code.startsWith(`${code}.`))
      .reduce((t, l) => ({ max: t.max + (l.maxPoints ?? 0), score: t.score + leafScore(l) }), { max: 0, score: 0 });

  for (const c of criteria) {
    if (c.group) {
      const sum = subtotal(c.code).max;
      if (c.maxPoints !== null && round2(c.maxPoints) !== round2(sum)) {
        emit(
          c,
          'maxPoints',
          'SUBTOTAL_MISMATCH',
          'error',
          `Nhóm ${c.code} ghi ${formatVnNumber(c.maxPoints)} điểm nhưng các tiêu chí con cộng lại ${formatVnNumber(round2(sum))} điểm. Sửa lại cho khớp.`,
        );
      }
      continue;
    }
    if (c.maxPoints === null)
      emit(
        c,
        'maxPoints',
        'MAX_POINTS_MISSING',
        'warning',
        `Tiêu chí ${c.code} chưa có điểm tối đa. Nhập điểm theo Bộ tiêu chí của tỉnh (hoặc nhập bộ tiêu chí bằng cchc index-import).`,
      );
    const score = c[scoreColumn];
    if (score !== null) {
      if (score < 0 || (c.maxPoints !== null && score > c.maxPoints)) {
        emit(
          c,
          scoreColumn,
          'SCORE_OUT_OF_RANGE',
          'error',
          `Điểm tự chấm ${formatVnNumber(score)} của tiêu chí ${c.code} phải từ 0 đến ${formatVnNumber(c.maxPoints ?? 0)}; khi tính tổng chỉ tính tối đa ${formatVnNumber(c.maxPoints ?? 0)}.`,
        );
      } else if (step > 0 && Math.abs(score / step - Math.round(score / step)) > 1e-9) {
        emit(
          c,
          scoreColumn,
          'SCORE_STEP',
          'error',
          `Điểm ${formatVnNumber(score)} của tiêu chí ${c.code} không đúng bước chấm ${formatVnNumber(step)}. Làm tròn theo bước ${formatVnNumber(step)}.`,
        );
      }
      if (evidenceMissing(c, scoreColumn)) {
        emit(
          c,
          'evidence',
          'EVIDENCE_MISSING',
          'error',
          `Tiêu chí ${c.code} được chấm ${formatVnNumber(score)} điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình. Thêm liên kết tài liệu hoặc ghi giải trình.`,
        );
      }
    }
    const leads = options.registry.parseList(c.lead);
    const single = leads.filter((u) => u.kind !== 'group');
    if (leads.length === 0) {
      emit(c, 'lead', 'LEAD_MISSING', 'error', `Tiêu chí ${c.code} chưa có cơ quan chủ trì. Ghi một đơn vị chủ trì.`);
    } else if (single.length > 1) {
      // Plans do share a criterion between units; the index still wants one to answer for it.
      emit(
        c,
        'lead',
        'LEAD_MULTIPLE',
        'warning',
        `Tiêu chí ${c.code} có ${single.length} cơ quan chủ trì (${single.map((u) => u.text).join('; ')}). Nên giao một đơn vị chịu trách nhiệm chính, các đơn vị khác phối hợp.`,
      );
    }
  }
  const total = leaves.reduce((t, l) => ({ max: t.max + (l.maxPoints ?? 0), score: t.score + leafScore(l) }), { max: 0, score: 0 });
  if (leaves.length > 0 && leaves.every((l) => l.maxPoints !== null) && round2(total.max) !== 100) {
    issues.push({
      tab: 'criteria',
      row: criteria[0]!.row,
      column: 'maxPoints',
      code: 'TOTAL_NOT_100',
      severity: 'error',
      message: `Tổng điểm tối đa là ${formatVnNumber(round2(total.max))}, phải là 100. Kiểm tra điểm các tiêu chí.`,
    });
  }
  const totals = (t: { max: number; score: number }): IndexTotals => ({
    max: round2(t.max),
    score: round2(t.score),
    lost: round2(t.max - t.score),
  });

  const areaCodes = [...new Set(criteria.map((c) => c.area))];
  const unitTotals = new Map<string, { name: string; max: number; score: number }>();
  for (const l of leaves) {
    const refs = options.registry.parseList(l.lead);
    // Every unit leading the criterion answers for it; groups only when no single unit is named.
    const singles = refs.filter((u) => u.kind !== 'group');
    const leads = singles.length > 0 ? singles : refs.slice(0, 1);
    const keys = new Map(leads.map((ref) => [ref.unit ?? ref.text, ref.name ?? ref.text]));
    if (keys.size === 0) keys.set('(chưa phân công)', '(chưa phân công)');
    for (const [key, name] of keys) {
      const entry = unitTotals.get(key) ?? { name, max: 0, score: 0 };
      entry.max += l.maxPoints ?? 0;
      entry.score += leafScore(l);
      unitTotals.set(key, entry);
    }
  }
  // dd/mm deadlines follow the period's year, so a 2027 plan is not shown 2026's dates.
  const deadline = settingDate(options.settings, scoreColumn === 'scoreH1' ? 'indexDeadlineH1' : 'indexDeadlineYear', options.period.year);
  const appraised = leaves.filter((l) => l.appraised !== null);
  const changes = appraised
    .map((l) => ({
      code: l.code,
      title: l.title,
      selfScore: l.scoreYear ?? 0,
      appraised: l.appraised!,
      difference: round2(l.appraised! - (l.scoreYear ?? 0)),
    }))
    .filter((c) => c.difference !== 0);
  return {
    period: options.period.label,
    criteria: leaves.length,
    missingMax: leaves.filter((l) => l.maxPoints === null).length,
    scoreColumn,
    total: totals(total),
    areas: areaCodes.map((code) => ({ code, title: byCode.get(code)?.title ?? '', totals: totals(subtotal(code)) })),
    units: [...unitTotals].map(([unit, t]) => ({ unit, name: t.name, totals: totals(t) })),
    lost: leaves
      .map((l) => ({
        code: l.code,
        title: l.title,
        lead: l.lead,
        max: l.maxPoints ?? 0,
        score: leafScore(l),
        lost: round2((l.maxPoints ?? 0) - leafScore(l)),
      }))
      .filter((l) => l.lost > 0)
      .sort((a, b) => b.lost - a.lost),
    missingEvidence: leaves.filter((l) => evidenceMissing(l, scoreColumn)).map((l) => ({ code: l.code, title: l.title, lead: l.lead })),
    appraisal:
      appraised.length === 0
        ? null
        : {
            criteria: appraised.length,
            selfScore: round2(appraised.reduce((t, l) => t + (l.scoreYear ?? 0), 0)),
            appraised: round2(appraised.reduce((t, l) => t + l.appraised!, 0)),
            gained: round2(changes.filter((c) => c.difference > 0).reduce((t, c) => t + c.difference, 0)),
            lost: round2(-changes.filter((c) => c.difference < 0).reduce((t, c) => t + c.difference, 0)),
            changes: changes.sort((a, b) => a.difference - b.difference),
          },
    criterionTasks: criteria.flatMap((c) => {
      const counts = options.progress?.byCriterion[c.code] ?? options.progress?.byCriterion[`${c.code}.`];
      return counts ? [{ code: c.code, title: c.title, counts }] : [];
    }),
    lastYear: optionalSettingNumber(options.settings, 'indexLastYear'),
    target: settingNumber(options.settings, 'indexTarget'),
    deadline,
    daysLeft: deadline ? Math.round((Date.parse(deadline) - Date.parse(options.today)) / 86_400_000) : null,
    issues,
  };
}
