import { Badge, type BadgeProps } from '@chakra-ui/react';

export interface LabelBadgeProps {
  readonly label: string;
  readonly palette: string;
  /** Read before the label: "Visit" gives "Visit · Confirmed". */
  readonly prefix?: string;
  readonly size?: BadgeProps['size'];
  readonly testId?: string;
}

/** The one badge look behind every entity's status or kind badge. */
export function LabelBadge({ label, palette, prefix, size, testId }: LabelBadgeProps) {
  return (
    <Badge colorPalette={palette} variant="subtle" size={size} data-testid={testId}>
      {prefix ? `${prefix} · ${label}` : label}
    </Badge>
  );
}
