// The last net of the main process: an uncaught exception or an unhandled rejection is logged
// (and the log flushed) instead of vanishing with stderr; after an exception the person may
// restart, at most one dialog a minute so a repeating error cannot bury the screen.
import type * as E from 'electron';
import type { Logger } from '../../core';
import { dialogText } from './texts';

type Proc = Pick<NodeJS.Process, 'on' | 'removeListener'>;

export function catchProcessErrors(deps: {
  proc: Proc;
  log: Logger;
  flush: () => void;
  dialog: Pick<typeof E.dialog, 'showMessageBox'>;
  language: () => 'tr' | 'en';
  now: () => number;
  restart: () => void;
}): () => void {
  let lastDialog = -Infinity;
  const onException = (err: Error, origin: string) => {
    deps.log.error({ err, origin }, 'uncaught exception in main');
    deps.flush();
    if (deps.now() - lastDialog < 60_000) return;
    lastDialog = deps.now();
    const lang = deps.language();
    const buttons = [dialogText(lang, 'continue'), dialogText(lang, 'restart')];
    deps.dialog
      .showMessageBox({
        type: 'error',
        title: dialogText(lang, 'mainErrorTitle'),
        message: dialogText(lang, 'mainError'),
        detail: dialogText(lang, 'mainErrorDetail'),
        buttons,
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .then(
        ({ response }) => {
          if (response === 1) deps.restart();
        },
        (dialogErr: unknown) => deps.log.error({ err: dialogErr }, 'error dialog could not be shown'),
      );
  };
  const onRejection = (reason: unknown) => {
    deps.log.error({ err: reason }, 'unhandled rejection in main');
  };
  deps.proc.on('uncaughtException', onException);
  deps.proc.on('unhandledRejection', onRejection);
  return () => {
    deps.proc.removeListener('uncaughtException', onException);
    deps.proc.removeListener('unhandledRejection', onRejection);
  };
}
