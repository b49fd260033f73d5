import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Providers } from '../../app/Providers';
import { LineChart } from './VitalsChart';

function chart(dates: Date[]) {
  render(
    <Providers>
      <LineChart
        title="HbA1c"
        unit="%"
        dates={dates}
        series={[{ label: 'Your result', color: '#2c7fb8', values: dates.map((_, index) => 8 - index * 0.4) }]}
      />
    </Providers>,
  );
  return screen.getByRole('img');
}

describe('LineChart', () => {
  it('dates its axis with the years when it spans years, so a year of results is not read as a few days', () => {
    const thisYear = new Date().getFullYear();
    const img = chart([new Date(thisYear - 1, 9, 22), new Date(thisYear - 1, 0, 21 + 365), new Date(thisYear, 9, 21)]);
    expect(img).toHaveAccessibleName(
      new RegExp(`^HbA1c from 22 Oct ${thisYear - 1} to 21 Oct ${thisYear}; latest: Your result 7\\.2 %\\.$`),
    );
    expect(img).toHaveTextContent(`22 Oct ${thisYear - 1}`);
  });

  it("leaves the year out when every date is this year's", () => {
    const thisYear = new Date().getFullYear();
    const img = chart([new Date(thisYear, 0, 5), new Date(thisYear, 1, 9)]);
    expect(img).toHaveAccessibleName(/^HbA1c from 5 Jan to 9 Feb;/);
  });
});
