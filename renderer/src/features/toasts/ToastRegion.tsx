// Toasts: placeholder region until the toasts screen work lands.
import { useAppSelector } from '../../app/store';

export function ToastRegion() {
  const toasts = useAppSelector((s) => s.toasts.items);
  return (
    <div className="toast-region" role="region" aria-label="Bildirimler" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.priority}`}>
          <strong>{t.title}</strong> {t.body}
        </div>
      ))}
    </div>
  );
}
