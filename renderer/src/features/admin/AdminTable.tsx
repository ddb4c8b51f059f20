// A table of the admin console in its panel's scroll area: one look for every section.
import { DataTable, type Column, type RowAttributes } from '../../ui/DataTable';
import { PanelScroll } from '../../ui/Panel';

export function AdminTable<R>(props: {
  panelId: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowAttributes?: (row: R) => RowAttributes;
}) {
  const { panelId, ...table } = props;
  return (
    <PanelScroll panelId={panelId}>
      <DataTable className="admin-table" {...table} />
    </PanelScroll>
  );
}
