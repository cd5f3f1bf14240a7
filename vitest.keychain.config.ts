import { defineConfig } from 'vitest/config';
import { keychainInclude } from './vitest.config';

export default defineConfig({ test: { include: keychainInclude, environment: 'node', testTimeout: 20_000 } });
