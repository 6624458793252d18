/**
 * Keeps a drawing error from blanking the page: the views it wraps are replaced by a message
 * that names the error, with a button to draw them again. Settings and training stay usable.
 */
import { Component, type ReactNode } from 'react';

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
    return (
      <div className="error-banner" role="alert">
        <p>The views could not be drawn: {this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Draw again
        </button>
      </div>
    );
  }
}
