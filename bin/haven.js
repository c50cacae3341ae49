#!/usr/bin/env node
// Runs the TypeScript entry point directly: no build step between `git clone` and a running BBS.
import { register } from 'tsx/esm/api';

register();
await import('./haven.ts');
