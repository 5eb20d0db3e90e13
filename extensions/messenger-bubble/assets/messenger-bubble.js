/* Messenger bubble: no dependencies, no globals, no network request until the shopper clicks.
   Guests follow the plain m.me link in the markup; a logged-in customer's click asks the app proxy
   (same origin, signed by Shopify with logged_in_customer_id) for a one-time authenticated link. */
(function () {
  var root = document.querySelector("[data-mcb]");
  if (!root || root.hasAttribute("data-ready")) return;
  root.setAttribute("data-ready", "");
  var link = root.querySelector("a");
  var status = root.querySelector("[data-mcb-status]");
  var ref = root.getAttribute("data-ref");
  var guestUrl =
    "https://m.me/" + encodeURIComponent(root.getAttribute("data-page")) + "?ref=" + encodeURIComponent(ref);
  link.href = guestUrl;
  // Past this the shopper has waited long enough: open the plain thread, where they can still link.
  var LINK_TIMEOUT_MS = 2000;
  var hideTimer;

  function state(s) {
    root.setAttribute("data-state", s);
    link.setAttribute("aria-busy", s === "loading" ? "true" : "false");
  }

  // The status element is a polite live region that exists from the start, so screen readers announce
  // each new text; it is also shown above the button for everyone.
  function say(text, ms) {
    clearTimeout(hideTimer);
    status.textContent = text;
    if (text && ms)
      hideTimer = setTimeout(function () {
        say("");
      }, ms);
  }

  function go(url, win) {
    if (win) win.location.href = url;
    else window.location.href = url;
  }

  // WCAG 1.4.13: content shown on hover/focus must be dismissible without moving the pointer.
  root.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      root.setAttribute("data-dismissed", "");
      say("");
    }
  });
  status.addEventListener("click", function () {
    say("");
  });

  link.addEventListener("click", function (e) {
    if (root.getAttribute("data-auth") !== "1") {
      state("open");
      return;
    }
    e.preventDefault();
    if (root.getAttribute("data-state") === "loading") return;
    state("loading");
    say(root.getAttribute("data-opening"));
    // Desktop: open the tab inside the click so popup blockers allow it. Touch devices: same tab, so the
    // m.me app link hands over to the Messenger app.
    var win = window.matchMedia("(pointer: coarse)").matches ? null : window.open("", "_blank");
    if (win) win.opener = null;
    var ctl = typeof AbortController === "function" ? new AbortController() : null;
    var done = false;
    function finish(url, failed) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (ctl) ctl.abort();
      state(failed ? "error" : "open");
      // The plain link still reaches the shop's Messenger thread; only the account link is missing.
      say(failed ? root.getAttribute("data-fallback") : "", 15000);
      go(url, win);
    }
    var timer = setTimeout(function () {
      finish(guestUrl, true);
    }, LINK_TIMEOUT_MS);
    fetch(root.getAttribute("data-proxy") + "?ep=" + encodeURIComponent(ref.replace(/^ep\./, "")), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: ctl ? ctl.signal : undefined,
    })
      .then(function (res) {
        if (!res.ok) throw new Error("status " + res.status);
        return res.json();
      })
      .then(function (body) {
        if (!body || typeof body.url !== "string" || body.url.indexOf("https://m.me/") !== 0)
          throw new Error("bad url");
        finish(body.url, false);
      })
      .catch(function () {
        finish(guestUrl, true);
      });
  });
})();
