import { Field } from '../../shared-ui/field';

/** Props of {@link FeatureInputs}. */
export interface FeatureInputsProps {
  /** One name per feature. */
  names: string[];
  /** The values as typed, one per feature. */
  values: string[];
  onChange: (values: string[]) => void;
}

/** The value of a typed feature, or null when it is not a number. */
export function parseFeature(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** One number input per feature of a tabular data set (raw values: the engine standardises). */
export function FeatureInputs({ names, values, onChange }: FeatureInputsProps) {
  return (
    <div className="feature-inputs">
      {names.map((name, index) => (
        <Field key={name + index} id={`feature-${index}`} label={name} issues={parseFeature(values[index] ?? '') === null ? ['Enter a number.'] : []}>
          {(control) => (
            <input
              {...control}
              type="text"
              inputMode="decimal"
              value={values[index] ?? ''}
              onChange={(event) => onChange(values.map((value, i) => (i === index ? event.target.value : value)))}
            />
          )}
        </Field>
      ))}
    </div>
  );
}
