import { z } from 'zod';
import { guidPattern } from './guid';

/** A GUID field (see `./guid.ts`); the message names the rule, never the value. */
export const guidSchema = z.string().regex(guidPattern, 'must be a GUID');
