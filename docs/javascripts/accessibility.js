/*
 * Two keyboard fixes that Material for MkDocs lacks. Local, no dependencies.
 *
 * 1. Escape dismisses the tooltip of a focused or hovered term (WCAG 1.4.13) without
 *    moving focus. Material shows it again the next time the term gets focus or hover.
 * 2. A table wider than the screen scrolls inside its own box; it gets tabindex="0" so
 *    keyboard users can reach it and scroll it with the arrow keys (WCAG 2.1.1).
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
})();
