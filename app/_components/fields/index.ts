// The one field kit: every form's labelled controls, in two sizes ("md" staff, "lg" patient phone), all
// taking `error` (a message or a zod field's list) and linking hint and error for screen readers.
export { ErrorText, errorList, type FieldChrome, type FieldSize } from './chrome';
export { CheckboxField } from './checkbox';
export { Fieldset } from './fieldset';
export { NumberField, numberOrNull } from './number';
export { RadioGroup, type ClearChoice, type RadioOption } from './radio-group';
export { ScoreScale } from './score-scale';
export { SelectField, TextAreaField, TextField } from './text';
export { NewPasswordFields, newPasswordFrom } from './new-password';
export { PersonFields, type PersonDraft } from './person';
