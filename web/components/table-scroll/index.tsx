import type { ComponentChildren } from 'preact';

/**
 * A data table that scrolls sideways inside the page when the screen is
 * narrower than the table (WCAG 1.4.10 lets two-dimensional tables scroll),
 * so the page itself never does; focusable, so that the keyboard can scroll it.
 * A named group rather than a region: the section around it is often the
 * landmark of the same name already.
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
