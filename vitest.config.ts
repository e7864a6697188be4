import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One PostgreSQL for the run, for the tests of the PostgreSQL archive (no system install).
    globalSetup: ['tests/helpers/postgres-setup.ts'],
    // OCR in tests reads with tesseract.js whatever the machine has, so results are the same on
    // every machine (a native tesseract on PATH would be chosen by auto); tests of the engine
    // choice pass --engine or the variable themselves.
    env: { VANBAN_OCR_ENGINE: process.env.VANBAN_OCR_ENGINE ?? 'wasm' },
  },
});
