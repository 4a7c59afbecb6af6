// The canvas benchmark page (its own Vite entry, built into ui/dist-bench by
// `npm run build:bench`): the product's canvas component on a generated plan, with the React
// Flow baseline harness's in-page contract. Never part of the app's bundle.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import '../styles.css';
import { installContract } from './contract';
import { PerfPage } from './PerfPage';

installContract();
// Local experiments only: ?hide=edges,minimap,controls,moving,nodes
const hide = new URLSearchParams(location.search).get('hide');
if (hide) {
  const css = document.createElement('style');
  const sel: Record<string, string> = { edges: '.edge-layer', minimap: '.minimap', controls: '.react-flow__controls', moving: '.moving-edges', nodes: '.react-flow__nodes' };
  css.textContent = hide.split(',').map((h) => `${sel[h]} { display: none !important; }`).join('\n');
  document.head.appendChild(css);
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PerfPage />
  </StrictMode>,
);
