import type { ErrorData } from '../../shared/errors';

/** Props of {@link ErrorText}. */
export interface ErrorTextProps {
  /** The error: the engine's `ErrorData` (its message is shown as sent) or a text. Nothing renders for null. */
  error: ErrorData | string | null | undefined;
  /** Element id, for `aria-describedby`. */
  id?: string;
}

/** An error where it happened, in the engine's own words, announced to screen readers. */
export function ErrorText({ error, id }: ErrorTextProps) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  return (
    <p className="error-text" role="alert" id={id}>
      {message}
    </p>
  );
}
