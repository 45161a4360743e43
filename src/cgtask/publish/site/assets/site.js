/* cgtask 督办网站：任务表的搜索与筛选。
 * 没有脚本时表格完整可读；有脚本时显示筛选栏，条件写在地址的 # 后面
 * （如 tasks.html#q=监督科&role=lead），便于收藏和转发，也便于测试。 */
(function () {
  "use strict";
  var form = document.getElementById("task-filters");
  var table = document.getElementById("tasks");
  if (!form || !table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var fields = ["q", "dept", "cat", "role"];
  var result = document.getElementById("f-result");
  var none = document.getElementById("no-match");

  function names(row, key) {
    var text = row.getAttribute("data-" + key) || "";
    return text ? text.split("|") : [];
  }

  function matches(row, want) {
    var lead = names(row, "lead");
    var support = names(row, "support");
    if (want.cat && row.getAttribute("data-cat") !== want.cat) { return false; }
    if (want.dept) {
      var pool = want.role === "lead" ? lead : want.role === "support" ? support : lead.concat(support);
      if (pool.indexOf(want.dept) < 0) { return false; }
    } else if (want.role === "lead" && !lead.length) {
      return false;
    } else if (want.role === "support" && !support.length) {
      return false;
    }
    if (want.q) {
      var hay = (row.getAttribute("data-text") + " " + lead.join(" ") + " " + support.join(" ")).toLowerCase();
      var words = want.q.toLowerCase().split(/\s+/);
      for (var i = 0; i < words.length; i++) {
        if (words[i] && hay.indexOf(words[i]) < 0) { return false; }
      }
    }
    return true;
  }

  function current() {
    var want = {};
    fields.forEach(function (name) { want[name] = form.elements[name].value.trim(); });
    return want;
  }

  function apply(want) {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = matches(row, want);
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    result.textContent = "显示 " + shown + " / " + rows.length + " 项";
    none.hidden = shown !== 0;
  }

  function toHash(want) {
    var parts = [];
    fields.forEach(function (name) {
      if (want[name]) { parts.push(name + "=" + encodeURIComponent(want[name])); }
    });
    var hash = parts.length ? "#" + parts.join("&") : "";
    // Some browsers refuse to rewrite a file:// address; the filter works regardless.
    try {
      history.replaceState(null, "", location.pathname + location.search + hash);
    } catch (e) { /* keep the old address */ }
  }

  function fromHash() {
    var want = { q: "", dept: "", cat: "", role: "" };
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) { return; }
      var name = pair.slice(0, at);
      var value;
      try { value = decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " ")); } catch (e) { return; }
      if (fields.indexOf(name) >= 0) { want[name] = value; }
    });
    fields.forEach(function (name) {
      var el = form.elements[name];
      el.value = want[name];
      if (el.tagName === "SELECT" && el.value !== want[name]) { el.value = ""; }
    });
    return current();
  }

  function update() { var want = current(); apply(want); toHash(want); }

  form.hidden = false;
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  window.addEventListener("hashchange", function () { apply(fromHash()); });
  apply(fromHash());
})();
