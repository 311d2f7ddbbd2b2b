/*
 * The site's own script, run right after Material's bundle at the end of <body>. Local, no
 * dependencies. Two keyboard fixes that Material for MkDocs lacks, and the article's tooltips:
 *
 * 1. Escape dismisses the tooltip of a focused or hovered term (WCAG 1.4.13) without
 *    moving focus. Material shows it again the next time the term gets focus or hover.
 * 2. A table wider than the screen scrolls inside its own box; it gets tabindex="0" so
 *    keyboard users can reach it and scroll it with the arrow keys (WCAG 2.1.1).
 * 3. Tooltips in the article (term definitions above all) as Material shows them, by one set of
 *    listeners for the whole page instead of Material's tooltip component on every element.
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

  // 3. Term links carry their definition in `title`, and Python-Markdown gives footnote and
  //    heading links one too. With content.tooltips, Material mounts its tooltip component on
  //    every element of the article with a title when it starts: on the architecture page (82
  //    titles) that was the largest part of Material's start-up in a CPU profile. So the titles
  //    are hidden from Material while it starts (at the end of this file), and these listeners
  //    show the same tooltip (Material's markup, classes and CSS; aria-describedby; the title
  //    removed while it shows, as Material does) for the one element that has focus or the
  //    pointer. Escape hides it (1. above).
  var TITLED = "[data-title]";
  function hideTitles() {
    // Not an icon without text: its title is its name (Material's tooltip keeps it for those).
    var titled = Array.prototype.filter.call(document.querySelectorAll("article [title]"), function (element) {
      return element.textContent.trim() !== "";
    });
    titled.forEach(function (element) {
      element.setAttribute("data-title", element.getAttribute("title"));
      element.removeAttribute("title");
    });
    return function restore() {
      titled.forEach(function (element) { element.setAttribute("title", element.getAttribute("data-title")); });
    };
  }
  var tip = null;
  var host = null;
  var shownCount = 0;
  function showTip(target) {
    if (host === target && tip.classList.contains("md-tooltip2--active")) return;
    hideTip();
    host = target;
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom";
    tip.id = "__site_tooltip_" + ++shownCount; // unique while the last one fades out
    tip.setAttribute("role", "tooltip");
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = target.getAttribute("data-title");
    tip.appendChild(inner);
    document.body.appendChild(tip);
    var box = target.getBoundingClientRect();
    var place = {
      "--md-tooltip-host-x": box.left + window.scrollX, "--md-tooltip-host-y": box.top + window.scrollY,
      "--md-tooltip-x": box.width / 2, "--md-tooltip-y": box.height + 8,
      "--md-tooltip-width": inner.offsetWidth, "--md-tooltip-tail": 0
    };
    for (var name in place) tip.style.setProperty(name, place[name] + "px");
    target.removeAttribute("title"); // no second tooltip from the browser
    target.setAttribute("aria-describedby", tip.id);
    var shown = tip;
    requestAnimationFrame(function () { // fades in, unless focus or the pointer has moved on meanwhile
      if (tip === shown) shown.classList.add("md-tooltip2--active");
    });
  }
  function hideTip() {
    if (!tip) return;
    var old = tip;
    host.removeAttribute("aria-describedby");
    host.setAttribute("title", host.getAttribute("data-title"));
    old.classList.remove("md-tooltip2--active");
    setTimeout(function () { old.remove(); }, 250); // after Material's fade-out
    tip = host = null;
  }
  function titledOf(event) {
    return event.target instanceof Element ? event.target.closest(TITLED) : null;
  }
  document.addEventListener("focusin", function (event) {
    var target = titledOf(event);
    if (target) showTip(target);
  });
  document.addEventListener("mouseover", function (event) {
    var target = titledOf(event);
    if (target) showTip(target);
  });
  function leave(event) {
    var target = titledOf(event);
    var to = event.relatedTarget;
    if (!target || target !== host || (to instanceof Node && target.contains(to))) return;
    if (event.type === "mouseout" && document.activeElement === target) return; // still focused
    hideTip();
  }
  document.addEventListener("focusout", leave);
  document.addEventListener("mouseout", leave);

  // Material starts on DOMContentLoaded, in the listener its bundle added before this script ran
  // (the last of <body>, so the event is still to come). Listeners run in the order they were
  // added: the titles are hidden now, Material starts without them, and this script's listener
  // puts them back right after.
  if (document.readyState === "loading" && window.document$) {
    document.addEventListener("DOMContentLoaded", hideTitles(), { once: true });
  }
})();
