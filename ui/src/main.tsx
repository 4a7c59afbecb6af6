import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';

// In the desktop window the editor runs; in a plain browser (the perf harness) the canvas
// performance page does, on a generated plan.
const inTauri = '__TAURI_INTERNALS__' in window;

async function start() {
  const root = createRoot(document.getElementById('root')!);
  if (inTauri) {
    const { App } = await import('./App');
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  } else {
    const { installContract } = await import('./perf/contract');
    installContract();
    const { PerfPage } = await import('./perf/PerfPage');
    root.render(<PerfPage />);
  }
}
void start();
