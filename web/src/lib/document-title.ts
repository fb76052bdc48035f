// Every screen names itself in the tab and the history list: "Settings — Reasonable".
import { useEffect } from 'react';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Reasonable` : 'Reasonable';
  }, [title]);
}
