/**
 * Keeps a drawing error from blanking the page: the views it wraps are replaced by a message
 * that names the error, with a button to draw them again. Settings and training stay usable.
 */
import { Component, type ReactNode } from 'react';
import { useMessages } from '../i18n';

function ViewsError({ message, retry }: { message: string; retry: () => void }) {
  const m = useMessages();
  return (
    <div className="error-banner" role="alert">
      <p>{m.app.viewsError(message)}</p>
      <button type="button" onClick={retry}>
        {m.app.drawAgain}
      </button>
    </div>
  );
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <ViewsError message={this.state.error.message} retry={() => this.setState({ error: null })} />;
  }
}
