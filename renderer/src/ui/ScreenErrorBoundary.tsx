// One screen's failure stays in that screen: a readable message in place of a blank window,
// "reload this screen" (mounts it afresh), and the details copied for support. The error goes to
// the console too, which the desktop app writes to its renderer log file.
import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NAMESPACE as NS } from './screenError.i18n';
import './ui.css';

export interface ScreenFailure {
  screen: string;
  error: Error;
  componentStack?: string;
  at: Date;
}

/** What support gets: enough to find the fault, nothing of the user's data. */
export function failureDetails(f: ScreenFailure): string {
  return [
    `screen: ${f.screen}`,
    `time: ${f.at.toISOString()}`,
    `error: ${f.error.name}: ${f.error.message}`,
    `userAgent: ${navigator.userAgent}`,
    '',
    f.error.stack ?? '',
    f.componentStack ? `\ncomponents:${f.componentStack}` : '',
  ]
    .join('\n')
    .trim();
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function FailurePanel({ failure, reload }: { failure: ScreenFailure; reload: () => void }) {
  const { t } = useTranslation();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const details = failureDetails(failure);
  return (
    <section
      className="screen screen-failure"
      role="alert"
      aria-labelledby="screen-failure-title"
      data-testid="screen-failure"
    >
      <h1 id="screen-failure-title">{t(`${NS}.title`)}</h1>
      <p>{t(`${NS}.body`)}</p>
      <div className="screen-failure-actions">
        <button type="button" className="screen-failure-button screen-failure-primary" onClick={reload}>
          {t(`${NS}.reload`)}
        </button>
        <button
          type="button"
          className="screen-failure-button"
          onClick={() => void copyText(details).then((ok) => setCopy(ok ? 'copied' : 'failed'))}
        >
          {t(`${NS}.copy`)}
        </button>
        <span role="status" className="screen-failure-status">
          {copy === 'copied' ? t(`${NS}.copied`) : copy === 'failed' ? t(`${NS}.copyFailed`) : ''}
        </span>
      </div>
      <details open={copy === 'failed'}>
        <summary>{t(`${NS}.details`)}</summary>
        <pre className="screen-failure-details" data-testid="screen-failure-details">
          {details}
        </pre>
      </details>
    </section>
  );
}

/**
 * Test builds only: throws in the screen named by sessionStorage `live:test:fail-screen`, so the
 * e2e test can make a screen fail. `RENDERER_VITE_LIVE_TEST_HOOKS` is read at build time; in a
 * production build the condition is the constant `false` and this code is not in the bundle.
 */
function TestFault({ screen }: { screen: string }): null {
  if (window.sessionStorage.getItem('live:test:fail-screen') === screen) throw new Error(`Test fault in ${screen}`);
  return null;
}
const TEST_HOOKS = import.meta.env.RENDERER_VITE_LIVE_TEST_HOOKS === '1';

interface State {
  failure?: ScreenFailure;
  /** Bumped by "reload this screen": the screen mounts afresh. */
  generation: number;
}

export class ScreenErrorBoundary extends Component<{ screen: string; children: ReactNode }, State> {
  override state: State = { generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    const err = error instanceof Error ? error : new Error(String(error));
    return { failure: { screen: '', error: err, at: new Date() } };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const err = error instanceof Error ? error : new Error(String(error));
    console.error(`Screen failed: ${this.props.screen}: ${err.message}`, err, info.componentStack);
    this.setState((s) =>
      s.failure
        ? {
            ...s,
            failure: { ...s.failure, screen: this.props.screen, componentStack: info.componentStack ?? undefined },
          }
        : s,
    );
  }

  private reload = () => this.setState((s) => ({ failure: undefined, generation: s.generation + 1 }));

  override render(): ReactNode {
    const { failure, generation } = this.state;
    if (failure)
      return (
        <FailurePanel failure={{ ...failure, screen: failure.screen || this.props.screen }} reload={this.reload} />
      );
    return (
      <ScreenMount key={generation}>
        {TEST_HOOKS && <TestFault screen={this.props.screen} />}
        {this.props.children}
      </ScreenMount>
    );
  }
}

function ScreenMount({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
