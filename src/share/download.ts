/** Saving a file from the page: a temporary object URL on a link with a download name. */
export function download(name: string, data: Blob | string | Uint8Array, type = 'application/octet-stream'): void {
  const blob = data instanceof Blob ? data : new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; the URL can go once the event loop turns.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
