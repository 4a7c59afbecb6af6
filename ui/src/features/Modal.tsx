import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

// An in-app dialog (the webview's own confirm() is not used: it differs across platforms). It is
// drawn into the page's body, over everything, wherever it is opened from: the editor's panels
// contain their layout and paint (styles.css), which would hold a dialog opened in one of them.
export function Modal({ title, children, onClose }: { title: string; children: ReactNode; onClose(): void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label={title}>
        <h3>{title}</h3>
        {children}
      </div>
    </div>,
    document.body,
  );
}
