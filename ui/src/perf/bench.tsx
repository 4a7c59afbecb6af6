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
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PerfPage />
  </StrictMode>,
);
