import { Button } from './Button';

interface SaveRowProps {
  label: string;
  saving: boolean;
  saved: boolean;
  className?: string;
  variant?: 'primary' | 'secondary';
  size?: 'sm' | 'md';
}

/** A form's submit button with a "Saved." confirmation that screen readers announce. */
export function SaveRow({ label, saving, saved, className, variant = 'secondary', size = 'md' }: SaveRowProps) {
  return (
    <div className={className}>
      <Button type="submit" variant={variant} size={size} disabled={saving}>
        {label}
      </Button>
      {saved && (
        <span className="muted small" role="status">
          Saved.
        </span>
      )}
    </div>
  );
}
