// Exports in the web console: the host asks the gateway for a download ticket as the signed-in
// user, then hands its URL to the browser's own download (an `<a download>` click), which streams
// the CSV to disk; the page never holds it. The browser shows the progress and its cancel button.
import { exportFileName, type ExportBridge, type ExportRequest, type ExportTicket } from '../../../protocol';

export function webExports(
  host: { exportTicket(req: ExportRequest): Promise<ExportTicket> },
  doc: Document = document,
): ExportBridge {
  return {
    async exportCsv(req) {
      const { url } = await host.exportTicket(req);
      const filename = exportFileName(req.resource, new Date());
      const a = doc.createElement('a');
      a.href = url;
      // The gateway's Content-Disposition names it too (a cross-origin link ignores `download`).
      a.download = filename;
      a.rel = 'noopener noreferrer';
      a.hidden = true;
      doc.body.append(a);
      a.click();
      a.remove();
      return { state: 'started', filename };
    },
    // The browser's downloads bar cancels a download; until it starts there is nothing to stop.
    cancelExport: async () => undefined,
    onExportProgress: () => () => undefined,
  };
}
