import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('password policy', () => {
  it('accepts a password of at least 10 characters that is not the email', () => {
    expect(passwordProblem('correct horse', 'ana@example.com')).toBeUndefined();
  });

  it('refuses a short password and says why', () => {
    expect(passwordProblem('short', 'ana@example.com')).toEqual({
      field: 'password',
      message: 'must be at least 10 characters long',
    });
  });

  it('refuses the email address, whatever its case, and its local part', () => {
    expect(passwordProblem('Ana.Lopez@Example.com', 'ana.lopez@example.com')?.message).toBe(
      'must not be your email address',
    );
    expect(passwordProblem('ana.lopez.x', 'ana.lopez.x@example.com')?.message).toBe('must not be your email address');
  });

  it('names the field it was given', () => {
    expect(passwordProblem('x', 'a@b.c', 'input.password')?.field).toBe('input.password');
  });
});
