// Starts Warrant for the end-to-end tests on an empty data directory.
import { rmSync } from 'node:fs';

if (!process.env.E2E_DATA_DIR) throw new Error('E2E_DATA_DIR is not set');
rmSync(process.env.E2E_DATA_DIR, { recursive: true, force: true });
await import('../scripts/start.mjs');
