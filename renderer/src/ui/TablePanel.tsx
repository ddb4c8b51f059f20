// A panel holding a table of rows: the row count beside the title, a calm "nothing here" when there
// are no rows, and a note when the table shows only the first MAX_TABLE_ROWS.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DataTable, MAX_TABLE_ROWS, type Column, type RowAttributes } from './DataTable';
import type { Tone } from './look';
import { Panel, PanelScroll } from './Panel';
import { StatusIcon } from './StatusIcon';

/**
 * A list's panel id and texts by the screens' naming: `listTexts(t, 'stock', 'out')` is the panel
 * `stock-out` (test id `panel-stock-out`) with the texts `stockView.out.title`, `.description`
 * and `.empty`.
 */
export function listTexts(t: TFunction, screen: string, list: string) {
  const key = `${screen}View.${list}`;
  return {
    id: `${screen}-${list}`,
    title: t(`${key}.title`),
    description: t(`${key}.description`),
    empty: t(`${key}.empty`),
  };
}

export function TablePanel<R>({
  id,
  title,
  description,
  empty,
  tone,
  tableClassName,
  columns,
  rows,
  rowKey,
  rowAttributes,
}: {
  id: string;
  title: string;
  description?: string;
  /** Said instead of the table when there are no rows. */
  empty: string;
  tone?: Tone;
  tableClassName?: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowAttributes?: (row: R) => RowAttributes;
}) {
  const { t } = useTranslation();
  const count = rows.length;
  return (
    <Panel id={id} title={title} count={count} description={description} tone={tone}>
      {count === 0 ? (
        <p className="ops-empty">
          <StatusIcon shape="check" />
          {empty}
        </p>
      ) : (
        <PanelScroll panelId={id}>
          <DataTable
            className={tableClassName}
            columns={columns}
            rows={rows}
            rowKey={rowKey}
            rowAttributes={rowAttributes}
          />
        </PanelScroll>
      )}
      {count > MAX_TABLE_ROWS && (
        <p className="ops-more">{t('alertsView.firstRows', { shown: MAX_TABLE_ROWS, count })}</p>
      )}
    </Panel>
  );
}
