import { z } from 'zod';
import type { JsonSchema } from './provider.js';

/**
 * A zod schema as the JSON Schema both providers take, so what is sent to the model and what
 * checks its reply come from one definition and cannot drift: every property required and no
 * extra properties (OpenAI strict mode), without the `$schema` dialect and `default` keywords,
 * which strict mode rejects. Fields with a zod default are still required of the model; only
 * the validator fills them in when a lenient server leaves them out.
 */
export function toProviderSchema(schema: z.ZodType): JsonSchema {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).filter(([key]) => key !== '$schema' && key !== 'default').map(([key, value]) => [key, strip(value)]),
    );
  };
  return strip(z.toJSONSchema(schema)) as JsonSchema;
}
