// "Dışa aktar": the whole list of the screen's current filter as a CSV file (UTF-8 with BOM, `;`).
// The host streams it to disk — the desktop into the file the person picks, with progress and
// "İptal"; the web console through the browser's own download — so the console never holds it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportRequest, ExportResult } from '../../../protocol';
import { getBridge } from '../bridge';
import { formatNumber } from '../format';
import './exportButton.css';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; id: string; rows?: number; bytes?: number }
  | { kind: 'done'; result: Exclude<ExportResult, { state: 'cancelled' }> }
  | { kind: 'failed'; code: string };

/** Error codes with a sentence of their own; the rest say the general one. */
const KNOWN_ERRORS = new Set([
  'unauthorized',
  'token_expired',
  'unavailable',
  'storage_full',
  'storage_unavailable',
  'forbidden',
  'rate_limited',
]);

let counter = 0;
const newId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `export-${Date.now()}-${++counter}`;

export function ExportButton({ request, className }: { request: ExportRequest; className?: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const mounted = useRef(true);
  const busyId = state.kind === 'busy' ? state.id : undefined;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!busyId) return;
    return getBridge().onExportProgress((p) => {
      if (p.id === busyId && mounted.current)
        setState((s) => (s.kind === 'busy' && s.id === p.id ? { ...s, rows: p.rows, bytes: p.bytes } : s));
    });
  }, [busyId]);

  const run = () => {
    const id = newId();
    setState({ kind: 'busy', id });
    getBridge()
      .exportCsv(request, id)
      .then((result) => {
        if (mounted.current) setState(result.state === 'cancelled' ? { kind: 'idle' } : { kind: 'done', result });
      })
      .catch((err: unknown) => {
        const code = (err as { code?: unknown } | undefined)?.code;
        if (mounted.current) setState({ kind: 'failed', code: typeof code === 'string' ? code : 'internal' });
      });
  };

  const lang = i18n.language;
  // Records on disk less the header line.
  const rows = (n: number) => formatNumber(Math.max(0, n - 1), lang);
  let status = '';
  if (state.kind === 'busy')
    status = state.rows === undefined ? t('exportCsv.busy') : t('exportCsv.progress', { rows: rows(state.rows) });
  else if (state.kind === 'done')
    status =
      state.result.state === 'saved'
        ? t('exportCsv.saved', { rows: rows(state.result.rows), file: state.result.file.split(/[\\/]/).pop() })
        : t('exportCsv.started', { file: state.result.filename });
  else if (state.kind === 'failed')
    status = `${t('exportCsv.failed')}: ${t(`exportCsv.errors.${KNOWN_ERRORS.has(state.code) ? state.code : 'other'}`)}`;

  return (
    <span className="export-csv" data-state={state.kind}>
      <button
        type="button"
        className={className ?? 'ord-button ord-button-ghost'}
        title={t('exportCsv.hint')}
        disabled={state.kind === 'busy'}
        aria-busy={state.kind === 'busy'}
        onClick={run}
        data-testid={`export-${request.resource}`}
      >
        {t('exportCsv.button')}
      </button>
      {state.kind === 'busy' && (
        <button
          type="button"
          className={className ?? 'ord-button ord-button-ghost'}
          onClick={() => void getBridge().cancelExport(state.id)}
          data-testid={`export-${request.resource}-cancel`}
        >
          {t('exportCsv.cancel')}
        </button>
      )}
      <span
        className={state.kind === 'failed' ? 'export-csv-status export-csv-failed' : 'export-csv-status'}
        role={state.kind === 'failed' ? 'alert' : 'status'}
        data-testid={`export-${request.resource}-status`}
        title={state.kind === 'done' && state.result.state === 'saved' ? state.result.file : undefined}
      >
        {status}
      </span>
    </span>
  );
}
