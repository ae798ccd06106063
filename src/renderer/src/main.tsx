import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AccessProblemScreen } from './bridge/AccessProblemScreen';
import { openBrowserApi } from './bridge/browserApi';
import { persistPractice, restorePractice } from './store/practicePersistence';
import './styles/base.css';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

// A reload resumes the practice set and session the tab was in.
restorePractice();
persistPractice();

const mount = (node: ReactNode) => createRoot(root).render(<StrictMode>{node}</StrictMode>);

// Electron's preload provides `window.api`; in a plain browser (`coach serve`) the WebSocket bridge does.
if ((window as Partial<Window>).api) {
  mount(<App />);
} else {
  void openBrowserApi().then((opened) => {
    if (!opened.ok) return mount(<AccessProblemScreen problem={opened.problem} />);
    window.api = opened.api;
    mount(<App />);
  });
}
