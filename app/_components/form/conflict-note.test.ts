// The line a form adds to a stale save's refusal (the page is then refreshed to bring the other version).
import { describe, expect, it } from 'vitest';
import { withConflictNote } from './use-form-mutation';

describe('withConflictNote', () => {
  it("adds the form's line to a CONFLICT only, and leaves every other error as it is", () => {
    const conflict = { message: 'Someone saved first.', fieldErrors: {}, code: 'CONFLICT' };
    expect(withConflictNote(conflict, 'Their version is loaded.')).toEqual({ ...conflict, message: 'Someone saved first. Their version is loaded.' });
    const refused = { message: 'Enter a name.', fieldErrors: { name: ['Enter a name.'] }, code: 'BAD_REQUEST' };
    expect(withConflictNote(refused, 'Their version is loaded.')).toBe(refused);
    expect(withConflictNote(conflict, undefined)).toBe(conflict);
  });
});
