import type { ReactNode } from 'react';

/** What a control inside a {@link Field} spreads onto itself. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

/** Props of {@link Field}. */
export interface FieldProps {
  /** Id of the control; its issues and hint get ids derived from it. */
  id: string;
  label: string;
  /** Problems with the current value, shown under the control. Defaults to none. */
  issues?: string[];
  /** A short help text. Defaults to none. */
  hint?: ReactNode;
  /** Renders the control with the given props (id, aria-invalid, aria-describedby). */
  children: (control: FieldControlProps) => ReactNode;
  className?: string;
}

/** A labelled control with its inline issues and hint, wired for screen readers. */
export function Field({ id, label, issues = [], hint, children, className }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, issues.length ? `${id}-issues` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${issues.length ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': issues.length > 0, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {issues.length ? (
        <ul className="field-issues" id={`${id}-issues`} role="alert">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
