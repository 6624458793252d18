/**
 * Files from the user: a panel that takes files dropped on it (outlined while they are dragged
 * over), and a hidden file input that hands over what was chosen (and can take the same file again).
 */
import { useState, type DragEvent, type Ref } from 'react';

/** Drop handlers for a panel, and whether files are being dragged over it. */
export function useFileDrop(onFiles: (files: File[]) => void): {
  dropping: boolean;
  handlers: { onDragOver(ev: DragEvent): void; onDragLeave(ev: DragEvent): void; onDrop(ev: DragEvent): void };
} {
  const [dropping, setDropping] = useState(false);
  return {
    dropping,
    handlers: {
      onDragOver(ev) {
        if (!ev.dataTransfer.types.includes('Files')) return;
        ev.preventDefault();
        setDropping(true);
      },
      onDragLeave(ev) {
        if (!ev.currentTarget.contains(ev.relatedTarget as Node | null)) setDropping(false);
      },
      onDrop(ev) {
        ev.preventDefault();
        setDropping(false);
        onFiles(Array.from(ev.dataTransfer.files));
      },
    },
  };
}

/** A hidden file input (opened by a button's click on its ref) that passes the chosen files on. */
export function HiddenFileInput({ ref, accept, multiple, testId, onFiles }: {
  ref: Ref<HTMLInputElement>; accept: string; multiple?: boolean; testId: string; onFiles: (files: File[]) => void;
}) {
  return (
    <input
      ref={ref} hidden type="file" data-testid={testId} accept={accept} multiple={multiple}
      onChange={(ev) => {
        const files = Array.from(ev.target.files ?? []);
        ev.target.value = ''; // the same files can be chosen again
        onFiles(files);
      }}
    />
  );
}
