#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader: no build step between a clone and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../cli/radar.ts');
