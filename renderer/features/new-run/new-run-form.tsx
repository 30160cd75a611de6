import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { BuiltinDatasetEntry } from '../../../shared/dataset';
import type { ErrorData } from '../../../shared/errors';
import { loggedMetricNames } from '../../../shared/logged-metrics';
import type { ConfigIssue } from '../../../shared/run-config';
import { useWorkbench } from '../../api/use-workbench';
import { useSystemInfo } from '../../hooks/use-system-info';
import { ErrorText } from '../../shared-ui/error-text';
import { Field } from '../../shared-ui/field';
import { useDebouncedValue } from '../../shared-ui/use-debounced-value';
import { CheckpointPathPreview } from './checkpoint-path-preview';
import {
  ACTIVATIONS,
  BACKEND_CHOICES,
  DEFAULT_RUN_FORM,
  OPTIMIZERS,
  fieldForIssuePath,
  isImageDataset,
  previewSaveFreq,
  reconcileRunForm,
  runFormFromConfig,
  taskOfForm,
  validateRunForm,
  type RunFormField,
  type RunFormState,
} from './run-form-state';

/** Props of {@link NewRunForm}. */
export interface NewRunFormProps {
  /** Called with the new run's id once `training:start` accepted it. */
  onStarted: (runId: string) => void;
  /** Delay before the engine checks the settings (`training:validate`) and previews the checkpoint name. Defaults to 300 ms. */
  debounceMs?: number;
}

/** Engine issues, remembered with the configuration they are about. */
interface EngineCheck {
  key: string;
  issues: ConfigIssue[];
}

const FIELD_ORDER: RunFormField[] = Object.keys(DEFAULT_RUN_FORM) as RunFormField[];
/** Top-level config keys that have a section (fieldset) of their own. */
const SECTIONS = ['dataset', 'model', 'training', 'checkpoint'];

/**
 * The "New run" form: data, model, training and checkpoint policy. Every setting is validated
 * as it is typed (locally with the shared schema, then by the engine), with the problems next to
 * their fields; Start is refused until they are fixed. In the desktop app a CSV file can also be
 * picked in the system's file dialog (`dialog:open-csv`).
 */
export function NewRunForm({ onStarted, debounceMs = 300 }: NewRunFormProps) {
  const { api, generation } = useWorkbench();
  const desktop = useSystemInfo()?.host === 'electron';
  const [browseError, setBrowseError] = useState<ErrorData | null>(null);
  const [form, setForm] = useState<RunFormState>(DEFAULT_RUN_FORM);
  const edited = useRef(false);
  const [datasets, setDatasets] = useState<BuiltinDatasetEntry[] | null>(null);
  const [datasetsError, setDatasetsError] = useState<ErrorData | null>(null);
  const [engineCheck, setEngineCheck] = useState<EngineCheck | null>(null);
  const [engineCheckError, setEngineCheckError] = useState<ErrorData | null>(null);
  const [startError, setStartError] = useState<ErrorData | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [settingsNotice, setSettingsNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const builtinTasks = useMemo(() => Object.fromEntries((datasets ?? []).map((entry) => [entry.kind, entry.task])), [datasets]);
  const task = taskOfForm(form, builtinTasks);
  const monitors = useMemo(() => loggedMetricNames(task), [task]);

  useEffect(() => {
    let live = true;
    void api.call('datasets:list', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setDatasets(result.value);
        setDatasetsError(null);
      } else setDatasetsError(result.error);
    });
    void api.call('settings:get', {}).then((result) => {
      if (!live || !result.ok) return;
      setSettingsNotice(result.value.notice ?? null);
      // Prefill once, and never over what the person already typed.
      if (edited.current || result.value.lastRunConfig === null) return;
      const remembered = runFormFromConfig(result.value.lastRunConfig);
      if (remembered) setForm(reconcileRunForm(remembered, loggedMetricNames(taskOfForm(remembered, {}))));
    });
    return () => {
      live = false;
    };
  }, [api, generation]);

  const update = <K extends RunFormField>(field: K, value: RunFormState[K]) => {
    edited.current = true;
    setStartError(null);
    setForm((current) => {
      const next = { ...current, [field]: value };
      return reconcileRunForm(next, loggedMetricNames(taskOfForm(next, builtinTasks)));
    });
  };

  const local = useMemo(() => validateRunForm(form), [form]);
  const configKey = local.ok ? JSON.stringify(local.config) : null;
  const settledKey = useDebouncedValue(configKey, debounceMs);

  useEffect(() => {
    if (settledKey === null || !local.ok || settledKey !== configKey) return undefined;
    let live = true;
    void api.call('training:validate', { config: local.config }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setEngineCheckError(result.error);
        return;
      }
      setEngineCheckError(null);
      setEngineCheck({ key: settledKey, issues: result.value.ok ? [] : result.value.issues });
    });
    return () => {
      live = false;
    };
    // `local` follows `configKey`: the settled key alone decides when to ask.
  }, [api, settledKey]);

  const allIssues: ConfigIssue[] = [
    ...(local.ok ? [] : local.issues),
    ...(engineCheck && engineCheck.key === configKey ? engineCheck.issues : []),
  ];
  const byField = new Map<RunFormField, string[]>();
  // Issues no single control owns (the engine's checkpoint policy check reports at `checkpoint`)
  // are shown at the end of their section.
  const bySection = new Map<string, string[]>();
  for (const issue of allIssues) {
    const field = fieldForIssuePath(issue.path, form);
    if (field !== null) {
      byField.set(field, [...(byField.get(field) ?? []), issue.message]);
      continue;
    }
    const head = issue.path.split('.')[0];
    const section = SECTIONS.includes(head) ? head : 'other';
    const text = issue.path === head && section !== 'other' ? issue.message : `${issue.path}: ${issue.message}`;
    bySection.set(section, [...(bySection.get(section) ?? []), text]);
  }
  const issuesOf = (field: RunFormField) => byField.get(field) ?? [];
  const sectionIssues = (section: string) => {
    const issues = bySection.get(section);
    return issues?.length ? (
      <ul className="field-issues section-issues" role="alert" data-testid={`issues-${section}`}>
        {issues.map((issue) => (
          <li key={issue}>{issue}</li>
        ))}
      </ul>
    ) : null;
  };

  const focusFirstInvalid = (fields: Iterable<RunFormField>) => {
    const set = new Set(fields);
    const first = FIELD_ORDER.find((field) => set.has(field));
    if (first) formRef.current?.querySelector<HTMLElement>(`#run-${first}`)?.focus();
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!local.ok) {
      setStartError('Fix the settings marked below before starting.');
      focusFirstInvalid(byField.keys());
      return;
    }
    setBusy(true);
    setStartError(null);
    try {
      const key = JSON.stringify(local.config);
      const checked = await api.call('training:validate', { config: local.config });
      if (!checked.ok) return setStartError(checked.error);
      if (!checked.value.ok) {
        const issues = checked.value.issues;
        setEngineCheck({ key, issues });
        setStartError('The engine refused these settings; see the marked fields.');
        focusFirstInvalid(issues.map((issue) => fieldForIssuePath(issue.path, form)).filter((field): field is RunFormField => field !== null));
        return;
      }
      const started = await api.call('training:start', { config: local.config });
      if (!started.ok) return setStartError(started.error);
      // Remembered for next time; a failure to remember must not hide the started run.
      void api.call('settings:set', { lastRunConfig: local.config });
      onStarted(started.value.runId);
    } finally {
      setBusy(false);
    }
  };

  const browseCsv = async () => {
    setBrowseError(null);
    const result = await api.call('dialog:open-csv', {});
    if (!result.ok) setBrowseError(result.error);
    else if ('path' in result.value) update('csvPath', result.value.path);
  };

  const textField = (field: RunFormField, label: string, props: { hint?: string; inputMode?: 'numeric' | 'decimal' | 'text'; testId?: string } = {}) => (
    <Field id={`run-${field}`} label={label} issues={issuesOf(field)} hint={props.hint}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode={props.inputMode}
          data-testid={props.testId}
          value={form[field] as string}
          onChange={(event) => update(field, event.target.value as never)}
        />
      )}
    </Field>
  );

  const selectField = <K extends RunFormField>(field: K, label: string, options: Array<{ value: string; label: string }>, testId?: string, hint?: string) => (
    <Field id={`run-${field}`} label={label} issues={issuesOf(field)} hint={hint}>
      {(control) => (
        <select {...control} data-testid={testId} value={String(form[field])} onChange={(event) => update(field, event.target.value as RunFormState[K])}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const checkbox = (field: 'saveBestOnly' | 'saveWeightsOnly' | 'saveLast', label: string, hint: string) => (
    <div className={`field field-checkbox${issuesOf(field).length ? ' field-invalid' : ''}`}>
      <label>
        <input type="checkbox" id={`run-${field}`} checked={form[field]} onChange={(event) => update(field, event.target.checked)} aria-describedby={`run-${field}-hint`} />
        {label}
      </label>
      <div className="field-hint" id={`run-${field}-hint`}>
        {hint}
      </div>
      {issuesOf(field).map((issue) => (
        <p key={issue} className="error-text" role="alert">
          {issue}
        </p>
      ))}
    </div>
  );

  const datasetOptions = [
    ...(datasets ?? [
      { kind: 'mnist', name: 'MNIST' },
      { kind: 'iris', name: 'Iris' },
      { kind: 'spirals', name: 'Two spirals' },
      { kind: 'xor', name: 'XOR' },
    ]).map((entry) => ({ value: entry.kind, label: entry.name })),
    { value: 'csv', label: 'CSV file…' },
  ];
  const datasetDescription = datasets?.find((entry) => entry.kind === form.dataset)?.description;

  return (
    <form className="new-run-form" ref={formRef} onSubmit={start} noValidate aria-label="New run">
      <h2>New run</h2>
      {settingsNotice ? (
        <p className="notice notice-warning" role="status">
          {settingsNotice}
        </p>
      ) : null}
      <fieldset>
        <legend>Data</legend>
        {selectField('dataset', 'Data set', datasetOptions, 'new-run-dataset', datasetDescription)}
        <ErrorText error={datasetsError} />
        {form.dataset === 'csv' ? (
          <>
            <Field
              id="run-csvPath"
              label="CSV file path"
              issues={issuesOf('csvPath')}
              hint={desktop ? 'A CSV file with a header row: type its path, or Browse… to pick it.' : 'A CSV file with a header row, on the machine that runs the engine.'}
            >
              {(control) => (
                <span className="input-with-button">
                  <input
                    {...control}
                    type="text"
                    data-testid="new-run-csv-path"
                    value={form.csvPath}
                    onChange={(event) => update('csvPath', event.target.value)}
                    spellCheck={false}
                  />
                  {desktop ? (
                    <button type="button" onClick={() => void browseCsv()} aria-label="Browse for a CSV file" data-testid="new-run-csv-browse">
                      Browse…
                    </button>
                  ) : null}
                </span>
              )}
            </Field>
            <ErrorText error={browseError} />
            {textField('csvLabelColumn', 'Label column', { hint: 'As written in the header. Empty: the last column.' })}
            {selectField('csvTask', 'Task', [
              { value: 'auto', label: 'Decide from the labels' },
              { value: 'classification', label: 'Classification' },
              { value: 'regression', label: 'Regression' },
            ])}
          </>
        ) : null}
        {sectionIssues('dataset')}
      </fieldset>

      <fieldset>
        <legend>Model</legend>
        {selectField(
          'preset',
          'Model preset',
          [
            { value: 'mlp', label: 'MLP (dense layers)' },
            ...(isImageDataset(form.dataset) ? [{ value: 'cnn', label: 'CNN (convolutions, for images)' }] : []),
          ],
          'new-run-preset',
        )}
        {form.preset === 'mlp' ? (
          <>
            {textField('hiddenUnits', 'Hidden units', { hint: 'Units per hidden layer, comma-separated (e.g. 128, 64).' })}
            {selectField('activation', 'Activation', ACTIVATIONS.map((value) => ({ value, label: value })))}
            {textField('mlpDropout', 'Dropout', { inputMode: 'decimal', hint: 'After each hidden layer, from 0 to 0.95.' })}
          </>
        ) : (
          <>
            {textField('filters', 'Filters', { hint: 'Filters per 3x3 conv block, comma-separated (e.g. 16, 32).' })}
            {textField('denseUnits', 'Dense units', { inputMode: 'numeric', hint: '0: no dense layer before the output.' })}
            {textField('cnnDropout', 'Dropout', { inputMode: 'decimal', hint: 'Before the output layer, from 0 to 0.95.' })}
            {textField('augmentShift', 'Shift augmentation', {
              inputMode: 'numeric',
              hint: 'Move each training image by up to this many pixels, anew each epoch (0: off; 2 helps small image sets).',
            })}
          </>
        )}
        {sectionIssues('model')}
      </fieldset>

      <fieldset>
        <legend>Training</legend>
        {textField('epochs', 'Epochs', { inputMode: 'numeric', testId: 'new-run-epochs' })}
        {textField('batchSize', 'Batch size', { inputMode: 'numeric' })}
        {textField('learningRate', 'Learning rate', { inputMode: 'decimal' })}
        {selectField('optimizer', 'Optimizer', OPTIMIZERS.map((value) => ({ value, label: value })))}
        {selectField('backend', 'Backend', BACKEND_CHOICES.map((value) => ({ value, label: value === 'auto' ? 'auto (fastest that loads)' : value })))}
        {sectionIssues('training')}
      </fieldset>

      <fieldset>
        <legend>Checkpoints</legend>
        <Field
          id="run-filepath"
          label="File name template"
          issues={issuesOf('filepath')}
          hint="Inside the run's checkpoints folder. Fields: {epoch} (1-based), {batch}, and any logged metric, with Python formats such as {val_loss:.4f}."
        >
          {(control) => <input {...control} type="text" value={form.filepath} onChange={(event) => update('filepath', event.target.value)} spellCheck={false} />}
        </Field>
        <CheckpointPathPreview template={form.filepath} monitor={form.monitor} saveFreq={previewSaveFreq(form)} debounceMs={debounceMs} />
        {selectField(
          'monitor',
          'Monitor',
          monitors.map((value) => ({ value, label: value })),
          undefined,
          task === null ? 'Choose the task to monitor acc or mae.' : undefined,
        )}
        {selectField('mode', 'Mode', [
          { value: 'auto', label: 'auto (from the metric name)' },
          { value: 'min', label: 'min (lower is better)' },
          { value: 'max', label: 'max (higher is better)' },
        ])}
        {checkbox('saveBestOnly', 'Save best only', 'Write a checkpoint only when the monitored value improves.')}
        {checkbox('saveWeightsOnly', 'Weights only', 'Leave out the topology and optimizer state (smaller; a resumed run restarts the optimizer).')}
        {selectField('saveFreq', 'Save frequency', [
          { value: 'epoch', label: 'Every epoch' },
          { value: 'batches', label: 'Every N batches' },
        ])}
        {form.saveFreq === 'batches' ? textField('saveFreqBatches', 'Batches between saves', { inputMode: 'numeric' }) : null}
        {textField('saveTopK', 'Keep top k', { inputMode: 'numeric', hint: 'The k best checkpoints are kept, the others deleted. -1 keeps all.' })}
        {checkbox('saveLast', 'Save last', 'Also keep the most recent epoch as "last", for resuming.')}
        {sectionIssues('checkpoint')}
      </fieldset>

      <fieldset>
        <legend>Run</legend>
        {textField('name', 'Name (optional)', { hint: 'Defaults to the data set and model.' })}
      </fieldset>

      {sectionIssues('other')}
      <ErrorText error={engineCheckError} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} aria-describedby="start-error" data-testid="new-run-start">
          Start training
        </button>
        {busy ? <span role="status">Starting…</span> : null}
        <ErrorText error={startError} id="start-error" />
      </div>
    </form>
  );
}
