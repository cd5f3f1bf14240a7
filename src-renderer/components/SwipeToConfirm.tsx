// A deliberate confirmation: drag the thumb to the end, or (keyboard) hold Enter/Space or arrow all the way. Letting
// go early springs it back. A slider to assistive technology, with the effort and the state in its value text.
// After a failed confirmation the parent remounts it (a new `key`) so it starts again from the left.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import styles from './swipe-to-confirm.module.css';

/** How far (fraction of the track) counts as "at the end". */
const CONFIRM_AT = 0.96;
/** Holding Enter or Space this long confirms. */
export const HOLD_TO_CONFIRM_MS = 1200;
const ARROW_STEP = 0.1;
/** Match swipe-to-confirm.css. */
const THUMB_PX = 44;
const TRACK_PADDING_PX = 4;

interface SwipeToConfirmProps {
  /** What the swipe does, e.g. "Swipe to convert 7 small balances". */
  label: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** Why it is disabled, read out and shown instead of the hint. */
  disabledReason?: string;
  busy?: boolean;
}

export function SwipeToConfirm({ label, onConfirm, disabled = false, disabledReason, busy = false }: SwipeToConfirmProps) {
  const trackRef = useRef<HTMLDivElement>(null);
  const thumbRef = useRef<HTMLDivElement>(null);
  const [progress, setProgressState] = useState(0);
  // the handlers read the latest position, not the one of the last render (pointer events outrun React)
  const progressRef = useRef(0);
  const setProgress = useCallback((next: number) => {
    progressRef.current = next;
    setProgressState(next);
  }, []);
  const [dragging, setDragging] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [spanPx, setSpanPx] = useState(1);
  const drag = useRef<{ startX: number; startProgress: number; span: number } | null>(null);
  /** The interval that fills the track while Enter or Space is held. */
  const holdTimer = useRef<number | null>(null);
  const inert = disabled || busy || confirmed;

  const finish = useCallback(() => {
    setProgress(1);
    setConfirmed(true);
    onConfirm();
  }, [onConfirm, setProgress]);

  const stopHold = useCallback(() => {
    if (holdTimer.current !== null) window.clearInterval(holdTimer.current);
    holdTimer.current = null;
  }, []);

  useEffect(() => stopHold, [stopHold]);
  // the distance the thumb travels, kept current as the window resizes
  useEffect(() => {
    const track = trackRef.current;
    const thumb = thumbRef.current;
    if (!track || !thumb) return;
    const observer = new ResizeObserver(() => setSpanPx(Math.max(1, track.clientWidth - thumb.offsetWidth - 2 * TRACK_PADDING_PX)));
    observer.observe(track);
    return () => observer.disconnect();
  }, []);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (inert || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startProgress: progressRef.current, span: spanPx };
    setDragging(true);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    const next = current.startProgress + (event.clientX - current.startX) / current.span;
    setProgress(Math.min(1, Math.max(0, next)));
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    drag.current = null;
    setDragging(false);
    if (progressRef.current >= CONFIRM_AT) finish();
    else setProgress(0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (inert) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.min(1, progressRef.current + ARROW_STEP);
      if (next >= CONFIRM_AT) finish();
      else setProgress(next);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown' || event.key === 'Escape') {
      event.preventDefault();
      setProgress(event.key === 'Escape' ? 0 : Math.max(0, progressRef.current - ARROW_STEP));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (event.repeat || holdTimer.current !== null) return;
      const started = performance.now();
      const timer = window.setInterval(() => {
        const held = (performance.now() - started) / HOLD_TO_CONFIRM_MS;
        if (held >= 1) {
          stopHold();
          finish();
        } else {
          setProgress(held);
        }
      }, 40);
      holdTimer.current = timer;
    }
  };
  const onKeyUp = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.key === 'Enter' || event.key === ' ') && holdTimer.current !== null) {
      stopHold();
      if (!confirmed) setProgress(0);
    }
  };

  const percent = Math.round(progress * 100);
  // the track says what the swipe does, and when it cannot, which check stands in the way
  const hint = disabled ? `Blocked: ${disabledReason ?? 'not available now'}` : busy || confirmed ? 'Confirmed' : label;
  const valueText = disabled
    ? `Unavailable: ${hint}`
    : confirmed || busy
      ? 'Confirmed'
      : percent === 0
        ? 'Not confirmed'
        : `${percent} % of the way`;

  return (
    <div className={`${disabled ? styles.swipeDisabled : ''} ${confirmed || busy ? styles.swipeDone : ''}`}>
      <div className={styles.swipeTrack} ref={trackRef} data-testid="swipe-track">
        <div className={styles.swipeFill} style={{ width: `${progress * spanPx + THUMB_PX + TRACK_PADDING_PX}px` }} aria-hidden="true" />
        <span className={styles.swipeHint} aria-hidden="true">
          {hint}
        </span>
        <div
          ref={thumbRef}
          className={`${styles.swipeThumb} ${dragging || holdTimer.current !== null ? styles.swipeMoving : ''}`}
          style={{ transform: `translateX(${progress * spanPx}px)` }}
          role="slider"
          tabIndex={disabled ? -1 : 0}
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={valueText}
          aria-disabled={inert}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          onBlur={() => {
            stopHold();
            if (!confirmed) setProgress(0);
          }}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            {confirmed || busy ? (
              <path
                d="M4.5 10.5l3.5 3.5 7.5-8"
                fill="none"
                stroke="currentColor"
                strokeWidth="2.2"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            ) : (
              <path
                d="M7 4.5l5.5 5.5L7 15.5"
                fill="none"
                stroke="currentColor"
                strokeWidth="2.2"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            )}
          </svg>
        </div>
      </div>
    </div>
  );
}
