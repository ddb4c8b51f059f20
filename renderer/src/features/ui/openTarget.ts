// Opens what a notification or an alert is about: its screen, with the row brought into view (an
// order's detail opens). One way for toasts, alert rows, the bar of open criticals and clicked OS
// notifications alike.
import type { SubjectTarget } from '../../../../protocol';
import type { AppDispatch } from '../../app/store';
import { focused } from './uiSlice';

/** The alert centre's open criticals (the bar's and the backlog's "Göster"). */
export const OPEN_CRITICALS: SubjectTarget = { view: 'alerts', item: 'critical' };

export function openTarget(dispatch: AppDispatch, target: SubjectTarget): void {
  dispatch(focused({ view: target.view, item: target.item }));
  if (window.location.hash !== `#/${target.view}`) window.location.hash = `#/${target.view}`;
}
