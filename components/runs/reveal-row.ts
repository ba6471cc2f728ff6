/**
 * Brings row `index` of a table with fixed-height rows into view: first within the table's own
 * scrolling box (below its sticky header), then on the page (below the page's sticky header), each
 * by as little as needed. It works from the row's position alone, so a virtualised table need not
 * have the row in the DOM yet: scrolling the box is what makes the virtualiser draw it.
 */
export function revealRow(box: HTMLElement, index: number, rowHeight: number): void {
  const head = box.querySelector("thead")?.getBoundingClientRect().height ?? 0;
  const top = index * rowHeight; // in the body, below the header
  if (top < box.scrollTop) box.scrollTop = top;
  else if (head + top + rowHeight > box.scrollTop + box.clientHeight)
    box.scrollTop = head + top + rowHeight - box.clientHeight;

  const pageHeader = document.querySelector("[data-app-header]")?.getBoundingClientRect().bottom ?? 0;
  const rect = box.getBoundingClientRect();
  const rowTop = rect.top + box.clientTop + head + top - box.scrollTop;
  const margin = 8;
  if (rowTop - head < pageHeader) window.scrollBy({ top: rowTop - head - pageHeader - margin });
  else if (rowTop + rowHeight > window.innerHeight)
    window.scrollBy({ top: rowTop + rowHeight - window.innerHeight + margin });
}
