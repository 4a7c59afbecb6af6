// Whether this UI build carries the test hooks (src/testing/hooks.tsx). A build-time constant:
// Vite replaces it, so a build without VITE_TEST_HOOKS=1 drops the hooks as dead code.
export const TEST_HOOKS = import.meta.env.VITE_TEST_HOOKS === '1';
