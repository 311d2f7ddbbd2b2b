/*
 * The site's own script, run right after Material's bundle at the end of <body>. Local, no
 * dependencies. Two keyboard fixes that Material for MkDocs lacks, the article's tooltips, and
 * Material's start:
 *
 * 1. Escape dismisses the tooltip of a focused or hovered term (WCAG 1.4.13) without
 *    moving focus. Material shows it again the next time the term gets focus or hover.
 * 2. A table wider than the screen scrolls inside its own box; it gets tabindex="0" so
 *    keyboard users can reach it and scroll it with the arrow keys (WCAG 2.1.1).
 * 3. Tooltips in the article (term definitions above all) as Material shows them, by one set of
 *    listeners for the whole page instead of Material's tooltip component on every element.
 * 4. Material starts without the article's titles (see the end of this file); nothing waits for it.
 * 5. By touch, a tap on a term, a footnote marker or a figure's link shows it in place first.
 * 6. "Report an error" also sends the section and the passage the reader selected.
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
      markTableEdges();
    });
  }

  // 2b. Edges of a wide table with more beyond them (data-more-left/-right: a shadow, extra.css).
  function markEdges(box) {
    var more = box.scrollWidth - box.clientWidth;
    box.toggleAttribute("data-more-left", more > 1 && box.scrollLeft > 1);
    box.toggleAttribute("data-more-right", more > 1 && box.scrollLeft < more - 1);
  }
  function markTableEdges() {
    document.querySelectorAll("article table:not([class])").forEach(markEdges);
  }
  document.addEventListener("scroll", function (event) { // a table's own scroll: seen on its way down
    if (event.target instanceof Element && event.target.matches("article table")) markEdges(event.target);
  }, { capture: true, passive: true });
  window.addEventListener("resize", schedule, { passive: true });
  if (window.document$) {
    window.document$.subscribe(schedule); // every page, also after instant navigation
  } else {
    schedule();
  }

  // 3. Term links carry their definition in `title`, and Python-Markdown gives footnote and
  //    heading links one too. With content.tooltips, Material mounts its tooltip component on
  //    every element of the article with a title when it starts: on the architecture page (82
  //    titles) that was the largest part of Material's start-up in a CPU profile. So the titles are
  //    hidden from Material while it starts (4. below), and these listeners show the same
  //    tooltip (Material's markup, classes and CSS; aria-describedby; the title removed while
  //    it shows, as Material does) for the one element that has focus or the pointer (a footnote
  //    marker: its note). Escape hides it (1. above); it stays while the pointer is on it.
  var TITLED = "[data-title], a.footnote-ref";
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
    openTip(target, false);
  }
  function openTip(target, sheet) {
    hideTip();
    host = target;
    tip = document.createElement("div");
    tip.className = "md-tooltip2 md-tooltip2--bottom site-tip" + (sheet ? " site-sheet" : "");
    tip.id = "__site_tooltip_" + ++shownCount; // unique while the last one fades out
    tip.setAttribute("role", sheet ? "dialog" : "tooltip");
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    var note = noteOf(target);
    if (note) inner.append.apply(inner, note.childNodes);
    else inner.appendChild(document.createElement("p")).textContent = target.getAttribute("data-title");
    if (sheet) sheetActions(inner, target);
    tip.appendChild(inner);
    document.body.appendChild(tip);
    var box = target.getBoundingClientRect();
    var place = {
      "--md-tooltip-host-x": box.left + window.scrollX, "--md-tooltip-host-y": box.top + window.scrollY,
      "--md-tooltip-x": box.width / 2, "--md-tooltip-y": box.height + 8,
      "--md-tooltip-width": inner.offsetWidth, "--md-tooltip-tail": 0
    };
    for (var name in place) tip.style.setProperty(name, place[name] + "px");
    if (sheet) {
      tip.setAttribute("aria-label", target.textContent.trim());
    } else {
      target.removeAttribute("title"); // no second tooltip from the browser
      target.setAttribute("aria-describedby", tip.id);
    }
    var shown = tip;
    requestAnimationFrame(function () { // fades in, unless focus or the pointer has moved on meanwhile
      if (tip === shown) shown.classList.add("md-tooltip2--active");
    });
  }
  function hideTip() {
    if (!tip) return;
    var old = tip;
    host.removeAttribute("aria-describedby");
    if (host.hasAttribute("data-title")) host.setAttribute("title", host.getAttribute("data-title"));
    old.classList.remove("md-tooltip2--active");
    setTimeout(function () { old.remove(); }, 250); // after Material's fade-out
    tip = host = null;
  }
  // A footnote marker's note, without its back links.
  function noteOf(target) {
    var note = target.matches(".footnote-ref") && document.getElementById(decodeURIComponent(target.hash.slice(1)));
    if (!note) return null;
    note = note.cloneNode(true);
    note.querySelectorAll(".footnote-backref").forEach(function (link) { link.remove(); });
    note.removeAttribute("id");
    return note;
  }
  function titledOf(event) {
    return event.target instanceof Element ? event.target.closest(TITLED) : null;
  }
  document.addEventListener("focusin", function (event) {
    var target = titledOf(event);
    if (target && !touching) showTip(target);
  });
  document.addEventListener("mouseover", function (event) {
    var target = titledOf(event);
    if (target && !touching) showTip(target);
  });
  function leave(event) {
    if (!tip || tip.classList.contains("site-sheet")) return; // a sheet stays until it is dismissed
    var from = event.target, to = event.relatedTarget;
    if (!(from instanceof Node) || !(host.contains(from) || tip.contains(from))) return;
    if (to instanceof Node && (host.contains(to) || tip.contains(to))) return; // onto the tooltip, or back
    if (event.type === "mouseout" && document.activeElement === host) return; // still focused
    hideTip();
  }
  document.addEventListener("focusout", leave);
  document.addEventListener("mouseout", leave);

  // 5. A first tap on a term, a footnote marker or a titled link opens it in place: a sheet with a
  //    link onward and a close button (words: strings.yml via overrides/main.html). A second tap
  //    follows the link; a tap elsewhere or Escape closes it. Keyboard and mouse are unchanged.
  var SHEETS = "a.glossary-term, a.footnote-ref, a[data-title]:not(.headerlink, .footnote-backref), abbr[data-title]";
  var touching = false; // the last pointer was a finger or a pen, and no key was pressed since
  function sheetActions(inner, target) {
    var words = document.getElementById("__site-words");
    words = words ? JSON.parse(words.textContent) : {};
    var actions = inner.appendChild(document.createElement("p"));
    actions.className = "site-sheet__actions";
    if (target.href) {
      var onward = actions.appendChild(document.createElement("a"));
      onward.href = target.href;
      onward.textContent = words[target.matches(".glossary-term") ? "glossary" : target.matches(".footnote-ref") ? "note" : "link"] || "›";
    }
    var close = actions.appendChild(document.createElement("button"));
    close.type = "button";
    close.className = "site-sheet__close";
    close.textContent = words.close || "×";
    actions.addEventListener("click", function () { hideTip(); }); // either closes the sheet
  }
  document.addEventListener("pointerdown", function (event) {
    touching = event.pointerType === "touch" || event.pointerType === "pen";
    var on = event.target;
    if (tip && tip.classList.contains("site-sheet") && !(on instanceof Node && (tip.contains(on) || host.contains(on)))) hideTip();
  }, true);
  document.addEventListener("keydown", function (event) {
    touching = false;
    if (event.key === "Escape" && tip && tip.classList.contains("site-sheet")) hideTip();
  }, true);
  document.addEventListener("click", function (event) {
    var by = event.pointerType || (touching ? "touch" : "");
    if ((by !== "touch" && by !== "pen") || !(event.target instanceof Element)) return;
    var target = event.target.closest(SHEETS);
    if (!target || !target.closest("article")) return;
    if (host === target && tip.classList.contains("site-sheet")) return; // the second tap follows the link
    event.preventDefault();
    openTip(target, true);
  });

  // 6. "Report an error" (overrides/partials/source-file.html) also sends the passage last selected
  //    in the article and its section (kept as it is selected: a tap on the link may clear it).
  var selected = null;
  document.addEventListener("selectionchange", function () {
    var selection = document.getSelection(), text = String(selection).trim();
    var node = selection.anchorNode, article = document.querySelector("article");
    if (text && article && article.contains(node)) selected = { text: text, node: node };
  });
  function sectionOf(node) {
    var headings = document.querySelectorAll("article :is(h2, h3, h4)[id]");
    var found = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING) break;
      found = headings[i].id;
    }
    return found;
  }
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-report-error]") : null;
    if (!link || !selected) return;
    var url = new URL(link.href);
    var page = (url.searchParams.get("page") || "").split("#")[0];
    var section = sectionOf(selected.node);
    url.searchParams.set("page", section ? page + "#" + section : page);
    url.searchParams.set("claim", selected.text.slice(0, 1500));
    link.href = url.href;
  }, true);

  // The language switch (overrides/partials/alternate.html) opens the section the reader is at.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-site-language]") : null;
    if (link && location.hash) link.hash = location.hash;
  }, true);

  // 4. Material starts on DOMContentLoaded, in the listener its bundle added before this script ran
  //    (the last of <body>, so the event is still to come). Listeners run in the order they were
  //    added: the titles are hidden now, Material starts without them, and this script's listener
  //    puts them back right after.
  if (document.readyState === "loading" && window.document$) {
    document.addEventListener("DOMContentLoaded", hideTitles(), { once: true });
  }
})();
