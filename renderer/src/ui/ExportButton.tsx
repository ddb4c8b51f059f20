// "Dışa aktar": the whole list of the screen's current filter as a CSV file (UTF-8 with BOM, `;`),
// fetched by the host with the user's token and saved through the browser's download (the desktop's
// window shows its save dialog for it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvExport, ExportRequest } from '../../../protocol';
import { getBridge } from '../bridge';

/** `siparisler.csv` → `siparisler-2026-12-07.csv` (the local date of the export). */
export function datedName(filename: string, now: Date): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return filename.replace(/\.csv$/, `-${day}.csv`);
}

export function saveCsv(file: CsvExport, now = new Date()): void {
  const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = datedName(file.filename, now);
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButton({ request, className }: { request: ExportRequest; className?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const run = () => {
    setState('busy');
    getBridge()
      .exportCsv(request)
      .then((file) => {
        saveCsv(file);
        setState('idle');
      })
      .catch(() => setState('failed'));
  };
  return (
    <button
      type="button"
      className={className ?? 'ord-button ord-button-ghost'}
      title={t('exportCsv.hint')}
      disabled={state === 'busy'}
      onClick={run}
      data-testid={`export-${request.resource}`}
    >
      {state === 'busy' ? t('exportCsv.busy') : state === 'failed' ? t('exportCsv.failed') : t('exportCsv.button')}
    </button>
  );
}
