// Printing through Electron's print dialog, with the typed Electron fake's web contents.
import { describe, expect, it } from 'vitest';
import { printPage, type Printable } from './print';
import { FakeWebContents } from './test/fakeElectron';

describe('printPage', () => {
  it('opens the print dialog for A4 with backgrounds, and says whether it printed', async () => {
    const contents = new FakeWebContents();
    expect(await printPage(contents as unknown as Printable)).toEqual({ printed: true });
    expect(contents.printed).toEqual([{ silent: false, printBackground: true, pageSize: 'A4' }]);
    contents.printAnswer = false; // the person cancelled
    expect(await printPage(contents as unknown as Printable)).toEqual({ printed: false });
  });

  it('without a window prints nothing', async () => {
    expect(await printPage(undefined)).toEqual({ printed: false });
  });
});
