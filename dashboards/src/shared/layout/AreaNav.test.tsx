import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Providers } from '../../app/Providers';
import { AreaNav } from './AreaNav';

const items = [
  { to: '/doctor/today', label: 'Today' },
  { to: '/doctor', label: 'Calendar', end: true },
  { to: '/doctor/patients', label: 'My patients' },
  { to: '/doctor/messages', label: 'Messages', badge: 2 },
];

function titleAt(path: string): string {
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <Providers>
        <AreaNav label="Doctor" items={items} />
      </Providers>
    </MemoryRouter>,
  );
  const title = document.title;
  view.unmount();
  return title;
}

describe('AreaNav', () => {
  it("titles the page with its section's name, never what the page shows", () => {
    expect(titleAt('/doctor')).toBe('Calendar · Doctor · Healthcare Platform');
    expect(titleAt('/doctor/today')).toBe('Today · Doctor · Healthcare Platform');
    // A chart and a conversation take their section's name: no patient's name, no subject.
    expect(titleAt('/doctor/patients/0b0e8f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(
      'My patients · Doctor · Healthcare Platform',
    );
    expect(titleAt('/doctor/messages/thread-1/')).toBe('Messages · Doctor · Healthcare Platform');
    // The area's home is exact ("end"): an unknown page below it is the area's, not the calendar's.
    expect(titleAt('/doctor/elsewhere')).toBe('Doctor · Healthcare Platform');
  });

  it('marks the current section for screen readers', () => {
    render(
      <MemoryRouter initialEntries={['/doctor/patients/p1']}>
        <Providers>
          <AreaNav label="Doctor" items={items} />
        </Providers>
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'My patients' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: /^Messages/ })).not.toHaveAttribute('aria-current');
  });
});
