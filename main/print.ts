// Printing the console's page through the system's print dialog (A4, backgrounds kept: the print
// stylesheet decides what a pick list or packing slip looks like).
import type * as E from 'electron';

export type Printable = Pick<E.WebContents, 'print'>;

export function printPage(contents: Printable | undefined): Promise<{ printed: boolean }> {
  if (!contents) return Promise.resolve({ printed: false });
  return new Promise((resolve) => {
    contents.print({ silent: false, printBackground: true, pageSize: 'A4' }, (success) =>
      resolve({ printed: success }),
    );
  });
}
