/** Bundle entry: the handlers Apps Script calls by name (menu items, triggers). */
export { cchcClearMarks, cchcIndex, cchcUpdateDeadlines, cchcValidate, onOpen } from './handlers';
export { cchcSetup } from './setup-sheet';
export { cchcDashboard } from './dashboard';
export { onEdit } from './on-edit';
export { cchcContinueReminders, cchcDailyReminders, cchcEnableDailyReminders, cchcReminders } from './reminders';
export { cchcSelectCell } from './sidebar';
export { applyImport, cchcImportPlan, previewImport } from './import-plan';
export { cchcExportAppendix, cchcExportData, cchcExportReport, cchcSaveExport } from './export';
