import type { ComponentChildren } from 'preact';

/**
 * A data table that scrolls sideways inside the page when the screen is
 * narrower than the table (WCAG 1.4.10 lets two-dimensional tables scroll),
 * so the page itself never does; focusable, so that the keyboard can scroll it.
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
