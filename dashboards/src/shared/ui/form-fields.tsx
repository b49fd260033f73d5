import { Field, Input, NativeSelect, Textarea } from '@chakra-ui/react';

/**
 * The form fields of every form in the dashboards: a label (with the required mark), the control,
 * a helper text until there is an error, and the error (which also marks the control invalid).
 */
export interface BaseFieldProps {
  readonly label: string;
  readonly error?: string;
  readonly helper?: string;
  readonly required?: boolean;
}

export function TextField({
  label,
  error,
  helper,
  required,
  value,
  onChange,
  type = 'text',
  autoComplete,
  multiline = false,
  rows = 3,
  name,
  ...rest
}: BaseFieldProps & {
  name?: string;
  rows?: number;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  autoComplete?: string;
  multiline?: boolean;
  min?: string | number;
  step?: string | number;
  placeholder?: string;
}) {
  return (
    <Field.Root invalid={Boolean(error)} required={required}>
      <Field.Label>
        {label}
        {required ? <Field.RequiredIndicator /> : null}
      </Field.Label>
      {multiline ? (
        <Textarea
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={rows}
          placeholder={rest.placeholder}
        />
      ) : (
        <Input
          name={name}
          type={type}
          value={value}
          autoComplete={autoComplete}
          onChange={(e) => onChange(e.target.value)}
          {...rest}
        />
      )}
      {helper && !error ? <Field.HelperText>{helper}</Field.HelperText> : null}
      {error ? <Field.ErrorText>{error}</Field.ErrorText> : null}
    </Field.Root>
  );
}

export function SelectField({
  label,
  error,
  helper,
  required,
  value,
  onChange,
  options,
  placeholder,
  name,
}: BaseFieldProps & {
  name?: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <Field.Root invalid={Boolean(error)} required={required}>
      <Field.Label>
        {label}
        {required ? <Field.RequiredIndicator /> : null}
      </Field.Label>
      <NativeSelect.Root>
        <NativeSelect.Field name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </NativeSelect.Field>
        <NativeSelect.Indicator />
      </NativeSelect.Root>
      {helper && !error ? <Field.HelperText>{helper}</Field.HelperText> : null}
      {error ? <Field.ErrorText>{error}</Field.ErrorText> : null}
    </Field.Root>
  );
}
