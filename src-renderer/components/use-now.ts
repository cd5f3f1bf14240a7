// This page's clock, re-read on an interval so countdowns and "N s ago" stamps keep moving.
import { useEffect, useState } from 'react';

/** The current time (ms), refreshed every `intervalMs` while `ticking`. */
export function useNow(intervalMs = 1000, ticking = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, ticking]);
  return now;
}
