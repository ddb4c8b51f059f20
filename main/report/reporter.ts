// "Sorun bildir" from the tray, the settings or a failure dialog: the person picks where to save
// the report (Downloads by default), and the folder opens on it so it can be attached to an e-mail.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type * as E from 'electron';
import type { Settings } from '../../protocol';
import type { LiveHost, Logger } from '../../core';
import { dialogText } from '../failures/texts';
import { buildProblemReport, reportFileName } from './problemReport';

export function createReporter(deps: {
  electron: {
    app: Pick<E.App, 'getPath'>;
    dialog: Pick<typeof E.dialog, 'showSaveDialog'>;
    shell: Pick<E.Shell, 'showItemInFolder'>;
  };
  host: Pick<LiveHost, 'getState'>;
  settings: () => Settings;
  versions: Record<string, string>;
  logDir?: string;
  crashDir?: string;
  flush?: () => void;
  window: () => E.BrowserWindow | undefined;
  log: Logger;
}) {
  let saving: Promise<{ file?: string }> | undefined;

  async function save(): Promise<{ file?: string }> {
    const now = new Date();
    deps.flush?.();
    const text = await buildProblemReport({
      now,
      versions: deps.versions,
      os: {
        platform: process.platform,
        release: os.release(),
        arch: process.arch,
        locale: Intl.DateTimeFormat().resolvedOptions().locale,
      },
      settings: deps.settings(),
      state: await deps.host.getState(),
      logDir: deps.logDir,
      crashDir: deps.crashDir,
    });
    const language = deps.settings().language;
    const options: E.SaveDialogOptions = {
      title: dialogText(language, 'reportSaveTitle'),
      defaultPath: path.join(deps.electron.app.getPath('downloads'), reportFileName(now)),
      filters: [{ name: 'JSON', extensions: ['json'] }],
    };
    const win = deps.window();
    const answer = await (win
      ? deps.electron.dialog.showSaveDialog(win, options)
      : deps.electron.dialog.showSaveDialog(options));
    if (answer.canceled || !answer.filePath) return {};
    await writeFile(answer.filePath, text, 'utf8');
    deps.log.info({ file: answer.filePath, bytes: text.length }, 'problem report saved');
    deps.electron.shell.showItemInFolder(answer.filePath);
    return { file: answer.filePath };
  }

  return {
    /** One report at a time: a second click while the dialog is open joins the first. */
    save(): Promise<{ file?: string }> {
      saving ??= save()
        .catch((err: unknown) => {
          deps.log.error({ err }, 'problem report failed');
          throw err;
        })
        .finally(() => (saving = undefined));
      return saving;
    },
  };
}
