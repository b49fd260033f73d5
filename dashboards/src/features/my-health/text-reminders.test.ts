import { describe, expect, it } from 'vitest';
import { codeDigits, formatClock, phoneProblem, waitWords } from './text-reminders';

describe('codeDigits', () => {
  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['12345', undefined],
    ['1234567', undefined],
    ['12a456', undefined],
    ['', undefined],
  ])('reads %j as %j', (typed, digits) => {
    expect(codeDigits(typed)).toBe(digits);
  });
});

describe('waitWords', () => {
  it.each([
    [1, '1 second'],
    [42, '42 seconds'],
    [119, '119 seconds'],
    [120, '2 minutes'],
    [2_101, '36 minutes'],
  ])('says %i seconds as "%s"', (seconds, words) => {
    expect(waitWords(seconds)).toBe(words);
  });
});

describe('formatClock', () => {
  it('gives the time of day in the viewer’s zone, on a 24-hour clock', () => {
    expect(formatClock('2026-12-07T13:32:00.000Z', 'Europe/Berlin')).toBe('14:32');
    expect(formatClock('2026-12-07T13:32:00.000Z', 'America/New_York')).toBe('08:32');
  });
});

describe('phoneProblem', () => {
  it('makes a sentence of the API’s problem with the phone', () => {
    expect(phoneProblem('is needed first: add your mobile number to your profile')).toBe(
      'Your phone number is needed first: add your mobile number to your profile.',
    );
    expect(phoneProblem('must be a mobile number in international form, e.g. +49 151 23456789')).toBe(
      'Your phone number must be a mobile number in international form, e.g. +49 151 23456789.',
    );
  });
});
