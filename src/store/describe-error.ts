/**
 * A short reason for an error: its code when it has one (ECONNREFUSED, a SQLSTATE), else its
 * message. Node's dual-stack connect throws an AggregateError whose own message is empty.
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : describeError(error.errors[0]);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
